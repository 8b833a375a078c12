import { NodeExecutionError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import type { FunctionGraph } from '../../graph/graph';
import type { NodeRunner, TaskReport } from '../../execution/node-runner';
import { RemoteExecutionError, type GraphSpec } from '../remote/graph-spec';
import { routeOf } from '../remote/run-task';
import { rebuildCause, type TaskFailure } from '../remote/task-failure';
import type { TaskQueue } from './task-queue';
import { TaskFailedError } from './task-queue';
import { TIMEOUT_TAG } from '../../execution/node-timeout';
import type { TaskEntry } from './task-job';
import { TaskDispatcher, type DispatchOptions, type TaskDone } from './task-dispatch';
import { runMarkerKey } from './run-marker';
import { encodeParts, type EncodedParts } from './value-codec';
import { RedisValueStore, StoredValueError } from './value-store';

/** A value of the run as it sits in Redis. */
interface Stored {
  value: unknown;
  key: string;
  written: Promise<void>;
}

/**
 * One run's node runner: every `runSteps` call (a task: a chain, one item of
 * a fan-out) is sent to a worker, as part of a BullMQ job (TaskDispatcher). The inputs go to Redis first, as keys under
 * the run's prefix that expire after `ttlSeconds`; the job names those keys;
 * the outputs come back from keys the worker wrote. A value already in Redis
 * (an input sent before, or an output read back) is not sent again. The run's
 * marker key lives as long as the run: workers write only while it exists.
 */
export class TaskRunner implements NodeRunner {
  private tasks = 0;
  /** Every key this run wrote or asked a worker to write: deleted when the run ends. */
  private readonly keys: string[] = [];
  private readonly stored = new Map<number, Stored>();
  private readonly versions = new Map<string, number>();
  private readonly dispatcher: TaskDispatcher;
  private readonly marker: string;
  /** When the marker's expiry was last set: it is set again as the run goes on, so that it outlives every key of the run. */
  private markedAt = 0;
  private marked: Promise<void> | undefined;
  private readonly values: RedisValueStore;

  constructor(
    private readonly queue: TaskQueue,
    spec: GraphSpec,
    runId: string,
    private readonly runPrefix: string,
    private readonly ttlSeconds: number,
    dispatch: DispatchOptions,
    /** Values longer than this go through Redis in chunks (value-store.ts); undefined: the default. */
    valueChunkBytes?: number,
  ) {
    this.marker = runMarkerKey(runPrefix);
    this.values = new RedisValueStore(queue.client, { marker: this.marker, ttlSeconds, chunkBytes: valueChunkBytes });
    const shared = { spec, runKey: this.marker, ttlSeconds, ...(valueChunkBytes === undefined ? {} : { valueChunkBytes }) };
    this.dispatcher = new TaskDispatcher(queue, runId, shared, dispatch, this.values);
  }

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal, report?: TaskReport): Promise<void> {
    const graph = plan.graph;
    const route = routeOf(graph, slots, needed);
    const { nodes } = route;
    const first = graph.nodeAt[slots[0]];
    const task = ++this.tasks;
    const inputKeys: Record<string, string> = {};
    const writes: Promise<void>[] = [this.mark()];
    try {
      route.inputNames.forEach((name, i) => {
        const stored = this.store(route.inputSlots[i], name, values);
        inputKeys[name] = stored.key;
        writes.push(stored.written);
      });
    } catch (error) {
      return Promise.reject(error instanceof NodeExecutionError ? error : new NodeExecutionError(first, error));
    }
    const { neededSlots, needed: neededNames } = route;
    const taskPrefix = `${this.runPrefix}:task:${task}`;
    const entry: TaskEntry = { nodes, inputKeys, needed: neededNames, outputKeyPrefix: `${taskPrefix}:out:`, errorKey: `${taskPrefix}:error` };
    const outputKeys = neededNames.map((name) => entry.outputKeyPrefix + name);
    this.keys.push(...outputKeys, entry.errorKey);
    const what = nodes.length === 1 ? `node '${nodes[0]}'` : `the task of nodes ${nodes.map((n) => `'${n}'`).join(', ')}`;
    const ready = writes.length === 1 ? writes[0] : Promise.all(writes);
    const timed = Array.from(slots).some((slot) => graph.nodeAt[slot].tags[TIMEOUT_TAG] !== undefined);
    return this.dispatcher.submit(entry, ready, what, signal, timed).then((done) => {
      if (report) reportTask(report, done);
      if (done.failure !== undefined) throw this.failureOf(graph, first, done.failure, done.jobId);
      neededSlots.forEach((slot, i) => {
        const output = done.outputs[i];
        if ('error' in output) throw new NodeExecutionError(graph.nodeAt[slot], output.error);
        const { value } = output;
        values[slot] = value;
        this.stored.set(slot, { value, key: outputKeys[i], written: Promise.resolve() });
      });
    }, async (error: unknown) => {
      if (error instanceof TaskFailedError) throw this.failureOf(graph, first, await this.readFailure(entry.errorKey), error.jobId, error.failedReason);
      throw this.queue.explain(error);
    });
  }

  /**
   * Ends the run in Redis: deletes its marker first (from then on no worker
   * writes a key of it), takes its queued jobs off the queue, then deletes
   * every key it wrote or asked for. Best effort: whatever is left expires.
   */
  async cleanUp(): Promise<void> {
    if (this.marked && !this.queue.broken) await this.queue.client.unlink(this.marker).catch(() => 0);
    await this.queue.discard(this.dispatcher.inFlight);
    if (this.queue.broken) return;
    const keys = [...new Set(this.keys)];
    const unlinks: Promise<unknown>[] = [];
    for (let i = 0; i < keys.length; i += 1_000) unlinks.push(this.queue.client.unlink(...keys.slice(i, i + 1_000)).catch(() => 0));
    await Promise.all(unlinks);
  }

  /** Sets the run's marker, and its expiry again once a quarter of it has passed. */
  private mark(): Promise<void> {
    const now = Date.now();
    if (!this.marked || now - this.markedAt > this.ttlSeconds * 250) {
      this.markedAt = now;
      this.marked = this.queue.client.set(this.marker, '1', 'EX', this.ttlSeconds).then(() => undefined);
      this.marked.catch(() => undefined); // awaited by the task; a failure is reported there
    }
    return this.marked;
  }

  /** The key holding a dependency's value: the one it already has, or a new one, written now. */
  private store(slot: number, name: string, values: unknown[]): Stored {
    const value = values[slot];
    const known = this.stored.get(slot);
    if (known && known.value === value) return known;
    // A name may hold several values in one run: each item of a fan-out.
    const version = this.versions.get(name) ?? 0;
    this.versions.set(name, version + 1);
    const key = `${this.runPrefix}:value:${name}${version ? `:${version}` : ''}`;
    let encoded: EncodedParts;
    try {
      encoded = encodeParts(value);
    } catch (error) {
      throw new RemoteExecutionError(`'${name}' cannot be sent to a worker: ${(error as Error).message}`, { cause: error });
    }
    this.keys.push(key);
    // After the marker is set: the store's writes bypass auto-pipelining, so they could overtake it.
    const written = this.mark().then(() => this.values.write([{ name, key, encoded }])).then((live) => {
      if (!live) throw new StoredValueError(name, key, `was not written: the run's marker ${this.marker} is gone (it expired or the run ended)`);
    });
    written.catch(() => undefined); // awaited by the task; a failure is reported there
    const stored = { value, key, written };
    this.stored.set(slot, stored);
    return stored;
  }

  /** What a failed task's worker wrote at its error key, if it can be read. */
  private async readFailure(key: string): Promise<TaskFailure | null> {
    try {
      const [read] = await this.values.readEach([{ name: 'its failure', key }]);
      return 'value' in read ? read.value as TaskFailure : null;
    } catch {
      return null; // the failed reason alone still says what happened
    }
  }

  /** A failed task as a NodeExecutionError naming the node that failed, with the worker's error as its cause. */
  private failureOf(graph: FunctionGraph, first: FunctionGraph['nodeAt'][number], failure: TaskFailure | null | undefined, jobId: string, failedReason?: string): Error {
    const node = failure ? graph.nodes.get(failure.node) ?? first : first;
    if (!failure) return new NodeExecutionError(node, new RemoteExecutionError(`the worker failed: ${failedReason ?? 'its failure could not be read back from Redis'}`));
    const cause = rebuildCause(failure);
    if (failure.stack && cause instanceof Error) cause.stack = `${failure.stack}\n    at (a hamilton-ts worker, job ${jobId})`;
    return new NodeExecutionError(node, cause);
  }
}

/** Who ran a task and how long its nodes took there, into the lifecycle's report. */
function reportTask(report: TaskReport, done: TaskDone): void {
  report.on = 'worker';
  if (typeof done.worker === 'string') report.worker = done.worker;
  if (Array.isArray(done.durationsMs)) report.durationsMs = done.durationsMs;
}
