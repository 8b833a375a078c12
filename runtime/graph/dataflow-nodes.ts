import { EXPANDERS } from '../../decorators/expanders';
import { expandMethod, type ExpansionContext, type RemovedVariant } from '../../decorators/expansion';
import { withMutations } from '../../decorators/mutate';
import { DecoratorError } from '../errors';
import { FunctionGraph, type EdgeFits } from './graph';
import { methodNodes, type DataflowModule, type ModuleLoadOptions } from './module-nodes';
import { formatLocation, type Node } from './node';
import { withMaterializerNodes } from '../materialize/materializer-nodes';
import { rememberMaterializers } from '../materialize/materializer-spec';

export interface DataflowNodes {
  nodes: Node[];
  /** Config variants the config left out, by the node name they would have defined. */
  removedVariants: RemovedVariant[];
}

/** Every node the modules stand for under a config: each method's plain node, expanded by its decorators. */
export function nodesOfModules(
  modules: readonly DataflowModule[],
  config: Readonly<Record<string, unknown>>,
  options: ModuleLoadOptions = {},
): DataflowNodes {
  const removedVariants: RemovedVariant[] = [];
  const load = (mods: readonly unknown[], cfg: Readonly<Record<string, unknown>>, removed: RemovedVariant[]): Node[] =>
    mods.flatMap((module) => moduleNodes(module, cfg, removed));
  const moduleNodes = (module: unknown, cfg: Readonly<Record<string, unknown>>, removed: RemovedVariant[]): Node[] =>
    withMutations(methodNodes(module as DataflowModule, options)).flatMap(({ node, records, defaults }) => {
      if (records.length === 0) return [node];
      const context: ExpansionContext = {
        config: cfg,
        className: node.origin.className,
        method: node.origin.method,
        location: formatLocation(node.source),
        removedVariants: removed,
        defaults,
        // Variants left out inside a reused dataflow are its own business.
        loadModules: (inner, innerConfig) => load(inner, innerConfig, []),
        error: (decorator, detail) => new DecoratorError(node.origin.className, node.origin.method, decorator, detail),
      };
      return expandMethod(node, records, EXPANDERS, context);
    });
  const nodes = options.allowModuleOverrides
    ? withModuleOverrides(modules.map((module) => moduleNodes(module, config, removedVariants)))
    : load(modules, config, removedVariants);
  return { nodes, removedVariants };
}

/**
 * Hamilton's `allow_module_overrides`: a module's node takes the place (and
 * the slot) of an earlier module's node of the same name, so the last module
 * wins. A name repeated within one module is kept twice, for FunctionGraph to
 * report as a DuplicateNodeError. Only the name is replaced: the earlier
 * node's own helpers (`<name>.raw`, its check nodes) stay, unused unless asked for.
 */
function withModuleOverrides(perModule: readonly Node[][]): Node[] {
  const merged: Node[] = [];
  const placed = new Map<string, { index: number; module: number }>();
  perModule.forEach((nodes, module) => {
    for (const node of nodes) {
      const earlier = placed.get(node.name);
      if (earlier && earlier.module !== module) {
        merged[earlier.index] = node;
        earlier.module = module;
        continue;
      }
      if (!earlier) placed.set(node.name, { index: merged.length, module });
      merged.push(node);
    }
  });
  return merged;
}

/** The graph the modules make under a config: what a driver, a worker thread and a worker process each build. */
export function graphOfModules(
  modules: readonly DataflowModule[],
  config: Readonly<Record<string, unknown>>,
  options: ModuleLoadOptions & { edgeFits?: EdgeFits } = {},
): FunctionGraph {
  const { nodes, removedVariants } = nodesOfModules(modules, config, options);
  const all = options.materializers?.length ? withMaterializerNodes(nodes, options.materializers, config) : nodes;
  return rememberMaterializers(FunctionGraph.build(all, removedVariants, config, modules, {
    allowModuleOverrides: options.allowModuleOverrides === true, edgeFits: options.edgeFits,
  }), options.materializers);
}
