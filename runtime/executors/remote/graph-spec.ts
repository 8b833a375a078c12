import { fileURLToPath } from 'url';
import { dataflowOptions } from '../../../decorators/dataflow';
import { graphOfModules } from '../../graph/dataflow-nodes';
import { RemoteExecutionError } from '../../errors';
import { decodeConfig, encodeConfig } from './config-json';
import type { FunctionGraph } from '../../graph/graph';
import type { DataflowModule } from '../../graph/module-nodes';
import { decodeMaterializer, materializerSpecsOf, type MaterializerSpec } from '../../materialize/materializer-spec';
import { classMetadataOf } from '../../codegen/metadata-lookup';

/** Where a worker finds a dataflow class: the compiled module the transformer recorded, and its export. */
export interface ModuleRef {
  modulePath: string;
  exportName: string;
}

/** Everything a worker thread or process needs to build the driver's graph itself: plain JSON. */
export interface GraphSpec {
  modules: ModuleRef[];
  /** The config, with the numbers JSON cannot hold tagged (see config-json.ts). */
  config: Record<string, unknown>;
  /** Set when the driver was built with allowModuleOverrides(): the later module's nodes win. */
  allowModuleOverrides?: true;
  /** The driver's materializers (`withMaterializers`, `materialize`): workers add the same loader and saver nodes. */
  materializers?: MaterializerSpec[];
}

export { RemoteExecutionError };

/** The spec of a driver's graph; says what to change when a module cannot be loaded elsewhere. */
export function graphSpecOf(graph: FunctionGraph): GraphSpec {
  const modules = graph.modules.map((module): ModuleRef => {
    if (typeof module !== 'function') {
      const name = (module as object)?.constructor?.name ?? String(module);
      throw new RemoteExecutionError(`${name} was passed as an instance: a worker cannot rebuild it. Pass the class (constructed with no arguments) to run on workers.`);
    }
    const meta = classMetadataOf(module);
    if (!meta?.modulePath || !meta.exportName) {
      throw new RemoteExecutionError(`${module.name} cannot be loaded by a worker: `
        + (meta ? 'export the class from its module' : 'compile it with the hamilton-ts transformer (tspc), which records its module path')
        + '. Workers load compiled JavaScript; code compiled in memory (ts-jest) has no file for them to load.');
    }
    return { modulePath: meta.modulePath, exportName: meta.exportName };
  });
  return { modules, config: encodeConfig(graph.config), ...(graph.allowModuleOverrides ? { allowModuleOverrides: true as const } : {}), ...materializerSpecsOf(graph) };
}

/**
 * A graph's spec and the same as JSON, as the executors send them: built on
 * the first task that needs them (graphs that never run elsewhere need no
 * module paths), then reused for every task and run of the graph.
 */
export interface SentSpec {
  spec: GraphSpec;
  json: string;
}

const sentSpecs = new WeakMap<FunctionGraph, SentSpec>();

/** The graph's SentSpec, built once per graph; a graph whose spec cannot be built throws each time it is asked. */
export function sentSpecOf(graph: FunctionGraph): SentSpec {
  let sent = sentSpecs.get(graph);
  if (!sent) {
    const spec = graphSpecOf(graph);
    sent = { spec, json: JSON.stringify(spec) };
    sentSpecs.set(graph, sent);
  }
  return sent;
}

/** The file a reference names: its module path, a `file:` URL (an ES module's) turned into a path. */
export function modulePathOf(ref: ModuleRef): string {
  return ref.modulePath.startsWith('file:') ? fileURLToPath(ref.modulePath) : ref.modulePath;
}

/** Requires a compiled module; one that cannot be loaded is a RemoteExecutionError naming it. */
export function requireModule(path: string): Record<string, unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as Record<string, unknown>;
  } catch (error) {
    throw new RemoteExecutionError(`cannot load dataflow module ${path}: ${(error as Error).message}`);
  }
}

/** A module's export that is a @dataflow() class. */
export function isDataflowClass(value: unknown): value is DataflowModule {
  return typeof value === 'function' && dataflowOptions(value) !== undefined;
}

/** Loads each referenced class from its compiled module. */
export function loadModules(refs: readonly ModuleRef[]): DataflowModule[] {
  return refs.map((ref) => {
    const path = modulePathOf(ref);
    const cls = requireModule(path)[ref.exportName];
    if (!isDataflowClass(cls)) throw new RemoteExecutionError(`${path} exports no @dataflow() class named '${ref.exportName}'`);
    return cls;
  });
}

const graphs = new Map<string, FunctionGraph>();

/** The graph a spec's JSON describes, built once per worker and spec: the JSON is the key. */
export function graphOfJson(json: string): FunctionGraph {
  let graph = graphs.get(json);
  if (!graph) {
    const spec = JSON.parse(json) as GraphSpec;
    graph = graphOfModules(loadModules(spec.modules), decodeConfig(spec.config), {
      allowModuleOverrides: spec.allowModuleOverrides === true, materializers: spec.materializers?.map(decodeMaterializer),
    });
    graphs.set(json, graph);
  }
  return graph;
}

/** The graph a spec describes, built once per worker and spec. */
export function graphOf(spec: GraphSpec): FunctionGraph {
  return graphOfJson(JSON.stringify(spec));
}
