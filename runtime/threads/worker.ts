import { move, transferableSymbol, valueSymbol } from 'piscina';
import { NodeExecutionError, DataQualityError } from '../errors';
import type { FunctionGraph } from '../graph';
import { graphOf, type GraphSpec } from '../remote/graph-spec';
import { runTask } from '../remote/run-task';
import { describeThrown, type ThreadReply, type ThreadTask } from './thread-protocol';
import { decodeValue, encodeResult, uncloneable } from './wire-values';

/**
 * The Piscina worker: builds the driver's graph from its spec (once per
 * thread and spec), runs the task, and moves the results back: the buffers
 * of typed-array results are transferred, not copied.
 */
export default async function runThreadTask({ spec, task }: ThreadTask): Promise<unknown> {
  let graph: FunctionGraph;
  try {
    graph = graphFor(spec);
  } catch (error) {
    return { broken: describeThrown(error) } satisfies ThreadReply;
  }
  const inputs: Record<string, unknown> = {};
  for (const name of Object.keys(task.inputs)) inputs[name] = decodeValue(task.inputs[name]);
  let values: Record<string, unknown>;
  try {
    values = await runTask(graph, { ...task, inputs });
  } catch (error) {
    if (!(error instanceof NodeExecutionError)) return { broken: describeThrown(error) } satisfies ThreadReply;
    const failures = error.cause instanceof DataQualityError ? [...error.cause.failures] : undefined;
    return { failed: { node: error.node.name, thrown: describeThrown(error.cause), failures } } satisfies ThreadReply;
  }
  for (const name of task.needed) {
    const refused = uncloneable(values[name]);
    if (refused) {
      const thrown = new TypeError(`it returned ${refused}, which cannot be sent back from a worker thread: run it on the calling thread (leave it untagged)`);
      return { failed: { node: name, thrown: describeThrown(thrown) } } satisfies ThreadReply;
    }
  }
  const transfer = new Set<ArrayBuffer>();
  const encoded: Record<string, unknown> = {};
  for (const name of task.needed) encoded[name] = encodeResult(itemsIfParallelizable(graph, name, values[name]), transfer);
  const reply: ThreadReply = { values: encoded };
  return move({ [transferableSymbol]: [...transfer], [valueSymbol]: reply } as unknown as ArrayBuffer);
}

const graphs = new Map<string, FunctionGraph>();

function graphFor(spec: string): FunctionGraph {
  let graph = graphs.get(spec);
  if (!graph) graphs.set(spec, (graph = graphOf(JSON.parse(spec) as GraphSpec)));
  return graph;
}

/** A Parallelizable node may return a generator, which cannot cross threads: its items can. */
function itemsIfParallelizable(graph: FunctionGraph, name: string, value: unknown): unknown {
  if (graph.nodes.get(name)?.type.kind !== 'parallelizable' || Array.isArray(value)) return value;
  if (value === null || typeof (value as Iterable<unknown>)?.[Symbol.iterator] !== 'function') return value;
  return Array.from(value as Iterable<unknown>);
}
