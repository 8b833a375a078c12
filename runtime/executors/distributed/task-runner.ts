import { NodeExecutionError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import type { FunctionGraph } from '../../graph/graph';
import type { NodeRunner, TaskReport } from '../../execution/node-runner';
import { RemoteExecutionError, type GraphSpec } from '../remote/graph-spec';
import { routeOf } from '../remote/run-task';
import { rebuildCause, type TaskFailure } from '../remote/task-failure';
import type { TaskQueue } from './task-queue';
import { TaskFailedError } from './task-queue';
import type { TaskJob } from './task-job';
import { runMarkerKey } from './run-marker';
import { decodeValue, encodeParts, type EncodedParts } from './value-codec';
import { RedisValueStore, StoredValueError } from './value-store';

/** A value of the run as it sits in Redis. */
interface Stored {
  value: unknown;
  key: string;
  written: Promise<void>;
}

/**
 * One run's node runner: every `runSteps` call (one node, or one item of a
 * fan-out) becomes one BullMQ job. The inputs go to Redis first, as keys under
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
  private readonly running = new Set<string>();
  private readonly marker: string;
  /** When the marker's expiry was last set: it is set again as the run goes on, so that it outlives every key of the run. */
  private markedAt = 0;
  private marked: Promise<void> | undefined;
  private readonly values: RedisValueStore;

  constructor(
    private readonly queue: TaskQueue,
    private readonly spec: GraphSpec,
    private readonly runId: string,
    private readonly runPrefix: string,
    private readonly ttlSeconds: number,
    /** Values longer than this go through Redis in chunks (value-store.ts); undefined: the default. */
    private readonly valueChunkBytes?: number,
  ) {
    this.marker = runMarkerKey(runPrefix);
    this.values = new RedisValueStore(queue.client, { marker: this.marker, ttlSeconds, chunkBytes: valueChunkBytes });
  }

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal, report?: TaskReport): Promise<void> {
    const graph = plan.graph;
    const route = routeOf(graph, slots, needed);
    const { nodes } = route;
    const first = graph.nodeAt[slots[0]];
    const task = ++this.tasks;
    const jobId = `${this.runId}-${task}`;
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
    const job: TaskJob = {
      spec: this.spec,
      nodes,
      inputKeys,
      needed: neededNames,
      outputKeyPrefix: `${taskPrefix}:out:`,
      runKey: this.marker,
      errorKey: `${taskPrefix}:error`,
      ttlSeconds: this.ttlSeconds,
      ...(this.valueChunkBytes === undefined ? {} : { valueChunkBytes: this.valueChunkBytes }),
    };
    const outputKeys = neededNames.map((name) => job.outputKeyPrefix + name);
    this.keys.push(...outputKeys, job.errorKey);
    const what = nodes.length === 1 ? `node '${nodes[0]}'` : `the task of nodes ${nodes.map((n) => `'${n}'`).join(', ')}`;
    this.running.add(jobId);
    return (async () => {
      try {
        await Promise.all(writes);
        const returned = await this.queue.run(jobId, job, what, signal);
        if (report) reportJob(report, returned);
      } catch (error) {
        throw error instanceof TaskFailedError ? await this.failureOf(graph, first, job, error) : this.queue.explain(error);
      } finally {
        this.running.delete(jobId);
      }
      let outputs: unknown[];
      try {
        outputs = await this.values.read(neededNames.map((name, i) => ({ name, key: outputKeys[i] })));
      } catch (error) {
        if (!(error instanceof StoredValueError)) throw this.queue.explain(error);
        throw new NodeExecutionError(graph.nodeAt[neededSlots[neededNames.indexOf(error.valueName)]] ?? first, error);
      }
      neededSlots.forEach((slot, i) => {
        const value = outputs[i];
        values[slot] = value;
        this.stored.set(slot, { value, key: outputKeys[i], written: Promise.resolve() });
      });
    })();
  }

  /**
   * Ends the run in Redis: deletes its marker first (from then on no worker
   * writes a key of it), takes its queued jobs off the queue, then deletes
   * every key it wrote or asked for. Best effort: whatever is left expires.
   */
  async cleanUp(): Promise<void> {
    if (this.marked && !this.queue.broken) await this.queue.client.unlink(this.marker).catch(() => 0);
    await this.queue.discard(this.running);
    if (this.queue.broken) return;
    const keys = [...new Set(this.keys)];
    for (let i = 0; i < keys.length; i += 1_000) {
      await this.queue.client.unlink(...keys.slice(i, i + 1_000)).catch(() => 0);
    }
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

  /** A failed job as a NodeExecutionError naming the node, with the worker's error as its cause. */
  private async failureOf(graph: FunctionGraph, first: FunctionGraph['nodeAt'][number], job: TaskJob, error: TaskFailedError): Promise<Error> {
    let failure: TaskFailure | undefined;
    try {
      const bytes = await this.queue.client.getBuffer(job.errorKey);
      if (bytes) failure = decodeValue(bytes) as TaskFailure;
    } catch {
      // The failed reason alone still says what happened.
    }
    const node = failure ? graph.nodes.get(failure.node) ?? first : first;
    if (!failure) return new NodeExecutionError(node, new RemoteExecutionError(`the worker failed: ${error.failedReason}`));
    const cause = rebuildCause(failure);
    if (failure.stack && cause instanceof Error) cause.stack = `${failure.stack}\n    at (a hamilton-ts worker, job ${error.jobId})`;
    return new NodeExecutionError(node, cause);
  }
}

/** What the worker's job returned (see JobReturn), into the lifecycle's report; a job from an older worker says less. */
function reportJob(report: TaskReport, returned: string | undefined): void {
  report.on = 'worker';
  let parsed: { worker?: unknown; durationsMs?: unknown } | undefined;
  try {
    parsed = typeof returned === 'string' ? JSON.parse(returned) : returned;
  } catch {
    return;
  }
  if (typeof parsed?.worker === 'string') report.worker = parsed.worker;
  if (Array.isArray(parsed?.durationsMs)) report.durationsMs = parsed.durationsMs as number[];
}
