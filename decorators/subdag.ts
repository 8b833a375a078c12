import type { Node } from '../runtime/graph/node';
import { bindParameters } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import { ConfigurationSource, source, value, type DependencySource } from './dependency-source';
import type { ExpansionContext, MethodExpansion, NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';

export interface SubdagOptions {
  /** Prefix of the reused nodes' names (default: the method name): `<namespace>.<node>`. */
  namespace?: string;
  /** The reused dataflow's inputs, fed by value(…) or source(…) from this graph. Others are read by their own names. */
  inputs?: Readonly<Record<string, DependencySource>>;
  /**
   * Config for the reused dataflow, over the driver's config; its values also feed the reused dataflow's inputs.
   * `configuration('key')` takes a value from the driver's config (a key missing there is an error).
   */
  config?: Readonly<Record<string, unknown>>;
}

export interface SubdagRecord extends SubdagOptions {
  modules: readonly unknown[];
}

/**
 * `@subdag([Features], { inputs: { spend: source('euSpend') }, config: { window: 4 } })`:
 * reuses whole dataflow classes under a namespace. The method's parameters
 * name nodes of the reused dataflow; what it returns is the node.
 */
export function subdag(modules: unknown | readonly unknown[], options: SubdagOptions = {}): HamiltonMethodDecorator {
  return recordingDecorator('subdag', { ...options, modules: Array.isArray(modules) ? modules : [modules] });
}

export const subdagExpander: NodeExpander<SubdagRecord> = {
  kind: 'subdag',
  stage: 'create',
  expand(expansion, [options], context) {
    return reuse(expansion, options, options.namespace ?? context.method, undefined, context, 'subdag');
  },
};

/** The subdag's config with each `configuration('key')` replaced by the outer config's value. */
function remappedConfig(config: Readonly<Record<string, unknown>>, context: ExpansionContext, decorator: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([key, v]) => {
    if (!(v instanceof ConfigurationSource)) return [key, v];
    if (!Object.hasOwn(context.config, v.key)) {
      throw context.error(decorator, `sets config '${key}' from configuration('${v.key}'), which the config does not have`);
    }
    return [key, context.config[v.key]];
  }));
}

/**
 * The reused dataflow's nodes under `namespace`, and the method's nodes
 * reading them (renamed to `finalName` when given).
 */
export function reuse(
  expansion: MethodExpansion,
  options: SubdagRecord,
  namespace: string,
  finalName: string | undefined,
  context: ExpansionContext,
  decorator: string,
): MethodExpansion {
  const ownConfig = remappedConfig(options.config ?? {}, context, decorator);
  const inner = context.loadModules(options.modules, { ...context.config, ...ownConfig });
  const innerNames = new Set(inner.map((n) => n.name));
  const inputs = options.inputs ?? {};
  const unknownInputs = Object.keys(inputs).filter((name) => innerNames.has(name));
  if (unknownInputs.length) {
    throw context.error(decorator, `feeds ${unknownInputs.map((n) => `'${n}'`).join(', ')} through inputs, but the reused dataflow computes ${unknownInputs.length === 1 ? 'it' : 'them'}`);
  }
  const qualified = (name: string) => `${namespace}.${name}`;
  const namespaced = inner.map((node): Node => {
    const bindings: Record<string, DependencySource> = {};
    for (const d of node.dependencies) {
      if (innerNames.has(d.name)) bindings[d.name] = source(qualified(d.name));
      else if (Object.hasOwn(inputs, d.name)) bindings[d.name] = inputs[d.name];
      // The reused dataflow's own config is readable as its inputs, as the driver's config is.
      else if (Object.hasOwn(ownConfig, d.name)) bindings[d.name] = value(ownConfig[d.name]);
    }
    const rewired = bindParameters(node, bindings, context, decorator);
    return { ...node, ...rewired, name: qualified(node.name) };
  });
  const primary = expansion.primary.map((node) => ({
    ...node,
    name: finalName ?? node.name,
    dependencies: node.dependencies.map((d) => (innerNames.has(d.name) ? { ...d, name: qualified(d.name) } : d)),
  }));
  return { primary, extra: [...expansion.extra, ...namespaced] };
}
