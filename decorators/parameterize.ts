import type { Node } from '../runtime/graph/node';
import { bindParameters, fillDocTemplate } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import { describeSource, isDependencySource, source, value, type DependencySource } from './dependency-source';
import type { ExpansionContext, NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** One node's bindings, optionally with its own doc (which may use `{param}` placeholders too). */
export type ParameterizationSpec = Record<string, DependencySource> | { params: Record<string, DependencySource>; doc: string };

type Parameterization = Readonly<Record<string, ParameterizationSpec>>;

/**
 * `@parameterize({ revenueEu: { region: value('EU') }, revenueUs: { region: value('US') } })`:
 * one method, one node per key, each with its own bound parameters. `{region}`
 * in the method's JSDoc is filled per node with the bound value.
 */
export function parameterize(nodes: Parameterization): HamiltonMethodDecorator {
  return recordingDecorator('parameterize', nodes);
}

/** `@parameterizeValues('region', { revenueEu: 'EU', revenueUs: 'US' })`: one parameter, a fixed value per node. */
export function parameterizeValues(parameter: string, values: Readonly<Record<string, unknown>>): HamiltonMethodDecorator {
  return recordingDecorator('parameterizeValues',
    Object.fromEntries(Object.entries(values).map(([name, v]) => [name, { [parameter]: value(v) }])));
}

/** `@parameterizeSources({ spendEu: { raw: 'spendEuRaw' } })`: parameters fed from other nodes, per node. */
export function parameterizeSources(nodes: Readonly<Record<string, Readonly<Record<string, string>>>>): HamiltonMethodDecorator {
  return recordingDecorator('parameterizeSources',
    Object.fromEntries(Object.entries(nodes).map(([name, params]) => [
      name, Object.fromEntries(Object.entries(params).map(([p, s]) => [p, source(s)])),
    ])));
}

function specParts(spec: ParameterizationSpec): { params: Record<string, DependencySource>; doc?: string } {
  if ('params' in spec && typeof spec.doc === 'string' && !isDependencySource(spec.params)) {
    return spec as { params: Record<string, DependencySource>; doc: string };
  }
  return { params: spec as Record<string, DependencySource> };
}

export function parameterizeOne(base: Node, name: string, spec: ParameterizationSpec, context: ExpansionContext, kind: string): Node {
  const { params, doc } = specParts(spec);
  for (const [param, binding] of Object.entries(params)) {
    if (!isDependencySource(binding)) {
      throw context.error(kind, `node '${name}' binds '${param}' to ${JSON.stringify(binding)}: use value(…), source('…') or group(…)`);
    }
  }
  const filled = Object.fromEntries(Object.entries(params).map(([p, s]) => [p, describeSource(s)]));
  return {
    ...base,
    ...bindParameters(base, params, context, kind),
    name,
    doc: fillDocTemplate(doc ?? base.doc, filled),
  };
}

function makeExpander(kind: string): NodeExpander<Parameterization> {
  return {
    kind,
    stage: 'expand',
    expand(expansion, [nodes], context) {
      if (Object.keys(nodes).length === 0) throw context.error(kind, 'names no node to make');
      const primary = expansion.primary.flatMap((base) =>
        Object.entries(nodes).map(([name, spec]) => parameterizeOne(base, name, spec, context, kind)));
      return { primary, extra: expansion.extra };
    },
  };
}

export const parameterizeExpanders = ['parameterize', 'parameterizeValues', 'parameterizeSources'].map(makeExpander);
