import type { Node } from '../runtime/graph/node';
import { bindParameters } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import { source, value, type DependencySource } from './dependency-source';
import type { NodeExpander } from './expansion';

export interface SubdagOptions {
  /** Prefix of the reused nodes' names (default: the method name): `<namespace>.<node>`. */
  namespace?: string;
  /** The reused dataflow's inputs, fed by value(…) or source(…) from this graph. Others are read by their own names. */
  inputs?: Readonly<Record<string, DependencySource>>;
  /** Config for the reused dataflow, over the driver's config; its values also feed the reused dataflow's inputs. */
  config?: Readonly<Record<string, unknown>>;
}

interface SubdagRecord extends SubdagOptions {
  modules: readonly unknown[];
}

/**
 * `@subdag([Features], { inputs: { spend: source('euSpend') }, config: { window: 4 } })`:
 * reuses whole dataflow classes under a namespace. The method's parameters
 * name nodes of the reused dataflow; what it returns is the node.
 */
export function subdag(modules: unknown | readonly unknown[], options: SubdagOptions = {}): MethodDecorator {
  return recordingDecorator('subdag', { ...options, modules: Array.isArray(modules) ? modules : [modules] });
}

export const subdagExpander: NodeExpander<SubdagRecord> = {
  kind: 'subdag',
  stage: 'create',
  expand(expansion, [options], context) {
    const namespace = options.namespace ?? context.method;
    const inner = context.loadModules(options.modules, { ...context.config, ...options.config });
    const innerNames = new Set(inner.map((n) => n.name));
    const inputs = options.inputs ?? {};
    const unknownInputs = Object.keys(inputs).filter((name) => innerNames.has(name));
    if (unknownInputs.length) {
      throw context.error('subdag', `feeds ${unknownInputs.map((n) => `'${n}'`).join(', ')} through inputs, but the reused dataflow computes ${unknownInputs.length === 1 ? 'it' : 'them'}`);
    }
    const qualified = (name: string) => `${namespace}.${name}`;
    const namespaced = inner.map((node): Node => {
      const bindings: Record<string, DependencySource> = {};
      for (const d of node.dependencies) {
        if (innerNames.has(d.name)) bindings[d.name] = source(qualified(d.name));
        else if (Object.hasOwn(inputs, d.name)) bindings[d.name] = inputs[d.name];
        // The reused dataflow's own config is readable as its inputs, as the driver's config is.
        else if (options.config && Object.hasOwn(options.config, d.name)) bindings[d.name] = value(options.config[d.name]);
      }
      const rewired = bindParameters(node, bindings, context, 'subdag');
      return { ...node, ...rewired, name: qualified(node.name) };
    });
    const primary = expansion.primary.map((node) => ({
      ...node,
      dependencies: node.dependencies.map((d) => (innerNames.has(d.name) ? { ...d, name: qualified(d.name) } : d)),
    }));
    return { primary, extra: [...expansion.extra, ...namespaced] };
  },
};
