import { threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { NodeExecutionError } from '../../errors';
import type { FunctionGraph } from '../../graph/graph';
import { graphOfJson } from '../remote/graph-spec';
import { runTask } from '../remote/run-task';
import { describeFailure } from '../remote/task-failure';
import type { ThreadReply, ThreadTask } from './thread-protocol';
import { announceReady } from './thread-readiness';
import { unsendable, unsendableReason } from '../remote/sendable';
import { decodeValue, encodeResult } from './wire-values';

// Every import above has run (arquero included): terminating this thread is safe from here on.
announceReady();

/**
 * The Piscina worker: builds the driver's graph from its spec (once per
 * thread and spec), runs the task, and moves the results back: the buffers
 * of typed-array results are transferred, not copied.
 */
export default async function runThreadTask({ spec, task }: ThreadTask): Promise<unknown> {
  let graph: FunctionGraph;
  const inputs: Record<string, unknown> = {};
  try {
    graph = graphOfJson(spec);
    for (const name of Object.keys(task.inputs)) inputs[name] = decodeValue(task.inputs[name]);
  } catch (error) {
    return { broken: describeFailure(task.nodes[0], error) } satisfies ThreadReply;
  }
  let values: Record<string, unknown>;
  const durationsMs: number[] = [];
  try {
    values = await runTask(graph, { ...task, inputs }, durationsMs);
  } catch (error) {
    if (!(error instanceof NodeExecutionError)) return { broken: describeFailure(task.nodes[0], error) } satisfies ThreadReply;
    return { failed: describeFailure(error.node.name, error.cause), threadId, durationsMs } satisfies ThreadReply;
  }
  for (const name of task.needed) {
    const found = unsendable(values[name]);
    if (found) {
      const thrown = new TypeError(`it returned ${unsendableReason(found, 'the calling thread')}: `
        + 'run it on the calling thread (leave it untagged), or return plain data');
      return { failed: describeFailure(name, thrown), threadId, durationsMs } satisfies ThreadReply;
    }
  }
  const transfer = new Set<ArrayBuffer>();
  const encoded: Record<string, unknown> = {};
  for (const name of task.needed) encoded[name] = encodeResult(values[name], transfer);
  const reply: ThreadReply = { values: encoded, threadId, durationsMs };
  return move({ [transferableSymbol]: [...transfer], [valueSymbol]: reply } as unknown as ArrayBuffer);
}
