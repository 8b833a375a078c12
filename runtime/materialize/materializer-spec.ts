import { ConfigurationSource, LiteralValue, UpstreamSource } from '../../decorators/dependency-source';
import { RemoteExecutionError } from '../errors';
import { decodeConfig, encodeConfig } from '../executors/remote/config-json';
import type { FunctionGraph } from '../graph/graph';
import { ArrowResult } from '../results/arrow-result';
import { MatrixResult } from '../results/matrix-result';
import { RecordResult } from '../results/record-result';
import type { ResultBuilder } from '../results/result-builder';
import { TableResult } from '../results/table-result';
import { LoaderMaterializer, SaverMaterializer, type Materializer } from './materializer';
import { describeMaterializer } from './materializer-nodes';

/**
 * A materializer as plain JSON, for worker threads and `hamilton-ts worker`
 * processes, which build the driver's graph again: its adapter by name (the
 * worker's own registry: register custom adapters in the dataflow's module),
 * options with `source(...)` and `configuration(...)` tagged, and `combine`
 * as the name of a built-in result builder.
 */
export interface MaterializerSpec {
  kind: 'from' | 'to';
  adapter: string;
  target?: string;
  id?: string;
  dependencies?: string[];
  combine?: string;
  options: Record<string, unknown>;
}

const RESULT_BUILDERS: Readonly<Record<string, new () => ResultBuilder<unknown>>> = { TableResult, RecordResult, ArrowResult, MatrixResult };
const SOURCE_TAG = '$source';
const CONFIGURATION_TAG = '$configuration';

function encodeOptions(m: Materializer): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  const tagged: Record<string, unknown> = {};
  for (const [option, bound] of Object.entries(m.options)) {
    if (bound instanceof UpstreamSource) tagged[option] = { [SOURCE_TAG]: bound.name };
    else if (bound instanceof ConfigurationSource) tagged[option] = { [CONFIGURATION_TAG]: bound.key };
    else plain[option] = bound instanceof LiteralValue ? bound.value : bound;
  }
  try {
    return { ...encodeConfig(plain), ...tagged };
  } catch (error) {
    throw new RemoteExecutionError(`${describeMaterializer(m)} cannot be sent to workers: ${(error as Error).message.replace('config value', 'its option')}`);
  }
}

function decodeOptions(options: Record<string, unknown>): Record<string, unknown> {
  const decoded = decodeConfig(options);
  for (const [option, v] of Object.entries(decoded)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === SOURCE_TAG) decoded[option] = new UpstreamSource(String((v as Record<string, unknown>)[SOURCE_TAG]));
      if (keys.length === 1 && keys[0] === CONFIGURATION_TAG) decoded[option] = new ConfigurationSource(String((v as Record<string, unknown>)[CONFIGURATION_TAG]));
    }
  }
  return decoded;
}

export function encodeMaterializer(m: Materializer): MaterializerSpec {
  if (m instanceof LoaderMaterializer) return { kind: 'from', adapter: m.adapter, target: m.target, options: encodeOptions(m) };
  let combine: string | undefined;
  if (m.combine) {
    combine = m.combine.constructor?.name;
    if (!combine || RESULT_BUILDERS[combine] !== m.combine.constructor) {
      throw new RemoteExecutionError(`${describeMaterializer(m)} cannot be sent to workers: its combine is ${combine ?? 'an object'}, `
        + `but workers rebuild only ${Object.keys(RESULT_BUILDERS).join(', ')}; join the values in a node of the dataflow instead`);
    }
  }
  return { kind: 'to', adapter: m.adapter, id: m.id, dependencies: [...m.dependencies], ...(combine ? { combine } : {}), options: encodeOptions(m) };
}

export function decodeMaterializer(spec: MaterializerSpec): Materializer {
  const options = decodeOptions(spec.options);
  if (spec.kind === 'from') return new LoaderMaterializer(spec.adapter, spec.target!, options);
  const combine = spec.combine ? new RESULT_BUILDERS[spec.combine]() : undefined;
  return new SaverMaterializer(spec.adapter, spec.id!, spec.dependencies!, combine, options);
}

/** The materializers a graph was built with, kept beside it (not in it: the graph knows only plain nodes). */
const graphMaterializers = new WeakMap<FunctionGraph, readonly Materializer[]>();

export function rememberMaterializers(graph: FunctionGraph, materializers: readonly Materializer[] | undefined): FunctionGraph {
  if (materializers?.length) graphMaterializers.set(graph, materializers);
  return graph;
}

export function materializersOf(graph: FunctionGraph): readonly Materializer[] {
  return graphMaterializers.get(graph) ?? [];
}

/** The `materializers` field of a graph's spec, when it has any. */
export function materializerSpecsOf(graph: FunctionGraph): { materializers?: MaterializerSpec[] } {
  const materializers = materializersOf(graph);
  return materializers.length ? { materializers: materializers.map(encodeMaterializer) } : {};
}
