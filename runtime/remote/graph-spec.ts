import { dataflowOptions } from '../../decorators/dataflow';
import { graphOfModules } from '../dataflow-nodes';
import { HamiltonError } from '../errors';
import type { FunctionGraph } from '../graph';
import type { DataflowModule } from '../module-nodes';
import { readClassMetadata } from '../node-metadata';

/** Where a worker finds a dataflow class: the compiled module the transformer recorded, and its export. */
export interface ModuleRef {
  modulePath: string;
  exportName: string;
}

/** Everything a worker thread or process needs to build the driver's graph itself: plain JSON. */
export interface GraphSpec {
  modules: ModuleRef[];
  config: Record<string, unknown>;
}

export class RemoteExecutionError extends HamiltonError {}

/** The spec of a driver's graph; says what to change when a module cannot be loaded elsewhere. */
export function graphSpecOf(graph: FunctionGraph): GraphSpec {
  const modules = graph.modules.map((module): ModuleRef => {
    if (typeof module !== 'function') {
      const name = (module as object)?.constructor?.name ?? String(module);
      throw new RemoteExecutionError(`${name} was passed as an instance: a worker cannot rebuild it. Pass the class (constructed with no arguments) to run on workers.`);
    }
    const meta = readClassMetadata(module);
    if (!meta?.modulePath || !meta.exportName) {
      throw new RemoteExecutionError(`${module.name} cannot be loaded by a worker: `
        + (meta ? 'export the class from its module' : 'compile it with the hamilton-ts transformer (tspc), which records its module path')
        + '. Workers load compiled JavaScript; code compiled in memory (ts-jest) has no file for them to load.');
    }
    return { modulePath: meta.modulePath, exportName: meta.exportName };
  });
  // JSON round trip: config must travel as data (functions and class instances cannot).
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(JSON.stringify(graph.config)) as Record<string, unknown>;
  } catch (error) {
    throw new RemoteExecutionError(`the config cannot be sent to workers as JSON: ${(error as Error).message}`);
  }
  return { modules, config };
}

/** Loads each referenced class from its compiled module. */
export function loadModules(refs: readonly ModuleRef[]): DataflowModule[] {
  return refs.map(({ modulePath, exportName }) => {
    const path = modulePath.startsWith('file:') ? new URL(modulePath).pathname : modulePath;
    let exports: Record<string, unknown>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exports = require(path) as Record<string, unknown>;
    } catch (error) {
      throw new RemoteExecutionError(`cannot load dataflow module ${path}: ${(error as Error).message}`);
    }
    const cls = exports[exportName];
    if (typeof cls !== 'function' || !dataflowOptions(cls)) {
      throw new RemoteExecutionError(`${path} exports no @dataflow() class named '${exportName}'`);
    }
    return cls as DataflowModule;
  });
}

const graphs = new Map<string, FunctionGraph>();

/** The graph a spec describes, built once per worker and spec. */
export function graphOf(spec: GraphSpec): FunctionGraph {
  const key = JSON.stringify(spec);
  let graph = graphs.get(key);
  if (!graph) {
    graph = graphOfModules(loadModules(spec.modules), spec.config);
    graphs.set(key, graph);
  }
  return graph;
}
