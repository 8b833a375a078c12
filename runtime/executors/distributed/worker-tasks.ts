import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { NodeExecutionError } from '../../errors';
import type { FunctionGraph } from '../../graph/graph';
import { runTask } from '../remote/run-task';
import { describeFailure } from '../remote/task-failure';
import { TASK_BATCH_JOB_NAME, TASK_JOB_NAME, type BatchReturn, type TaskBatchJob, type TaskEntry, type TaskJob, type TaskOutcome } from './task-job';
import { encodeParts, ValueCodecError, type EncodedParts } from './value-codec';
import { RedisValueStore, StoredValueError, type ValueToWrite } from './value-store';
import type { Graphs } from './worker';

/** What a one-task job (TaskJob) returns, read back by the driver's lifecycle hooks: how many outputs it wrote, who ran it, each node's duration. */
export interface JobReturn {
  outputs: number;
  worker: string;
  durationsMs: number[];
}

/**
 * How long a job's synchronous tasks may hold the event loop before the
 * worker lets its timers run: BullMQ renews the job's lock from a timer, and
 * the worker's other jobs wait for their replies. Cheap tasks run back to
 * back within a slice (a timers turn costs ~1 ms, more than a cheap task).
 */
export const TASK_SLICE_MS = 10;

/** This worker process as hooks name it. */
const WORKER_ID = `${hostname()}:${process.pid}`;

type Log = (line: string) => void;

/**
 * One job's tasks, the worker's task loop: the inputs of all of them read at
 * once through the value store (one round trip, one more for the chunks of
 * large values; a value several tasks read is decoded once), the tasks run
 * one after another, with a turn of the event loop's timers between them
 * once they have held it TASK_SLICE_MS (so BullMQ renews the job's lock
 * between synchronous tasks; a worker holds one task's working set at a time), and every output and failure written in one
 * store write (one script call, chunks right behind it) while the run is live. A node's failure fails its task only: the job
 * completes, saying which tasks failed (BatchReturn). A one-task TaskJob
 * fails as a job instead, unrecoverably, as it always has.
 */
export async function runJob(job: Job<TaskJob | TaskBatchJob>, client: Redis, graphs: Graphs, log: Log, verbose: boolean): Promise<BatchReturn | JobReturn> {
  const single = job.name === TASK_JOB_NAME;
  if (!single && job.name !== TASK_BATCH_JOB_NAME) throw new UnrecoverableError(`not a hamilton-ts task: job name '${job.name}'`);
  const batch: TaskBatchJob = single ? { ...(job.data as TaskJob), tasks: [job.data as TaskJob] } : job.data as TaskBatchJob;
  const started = Date.now();
  let graph: FunctionGraph;
  try {
    graph = graphs.of(batch.spec);
  } catch (error) {
    const message = (error as Error).message;
    throw new UnrecoverableError(`cannot build the dataflow: ${message}${/--module/.test(message) ? '' : '. Start the worker with --module <compiled module> if it lives elsewhere here.'}`);
  }
  const { tasks } = batch;
  if (verbose) for (const task of tasks) log(`hamilton-ts worker: job ${job.id} (${task.nodes.join(', ')}) started`);
  const store = new RedisValueStore(client, { marker: batch.runKey, ttlSeconds: batch.ttlSeconds, chunkBytes: batch.valueChunkBytes });
  const inputs = await readInputs(store, tasks);

  const entries: ValueToWrite[] = [];
  const failures: (string | undefined)[] = [];
  const runOne = async (task: TaskEntry, t: number): Promise<TaskOutcome> => {
    const durationsMs: number[] = [];
    const own = Object.fromEntries(Object.entries(task.inputKeys).map(([name, key]) => [name, inputs.get(key)]));
    let outputs: Record<string, unknown>;
    try {
      outputs = await runTask(graph, { nodes: task.nodes, inputs: own, needed: task.needed }, durationsMs);
    } catch (error) {
      failures[t] = (error as Error).message;
      const node = error instanceof NodeExecutionError ? error.node.name : task.nodes[0];
      entries.push(failureEntry(task, node, error instanceof NodeExecutionError ? error.cause : error));
      return { durationsMs, failed: true };
    }
    const encoded: ValueToWrite[] = [];
    for (const name of task.needed) {
      try {
        encoded.push({ name, key: task.outputKeyPrefix + name, encoded: encodeParts(outputs[name]) });
      } catch (error) {
        const cause = error instanceof ValueCodecError ? new ValueCodecError(`its value cannot be sent back to the driver: ${error.message} `
          + 'Only a value read outside its task travels: one read by the next node of a chain alone, or within a fan-out item, stays on the worker (see BullMQExecutor\'s grouping).') : error;
        failures[t] = `node '${name}': ${(cause as Error).message}`;
        entries.push(failureEntry(task, name, cause));
        return { durationsMs, failed: true };
      }
    }
    entries.push(...encoded);
    return { durationsMs };
  };
  const outcomes: TaskOutcome[] = [];
  let sliceStarted = performance.now();
  for (let t = 0; t < tasks.length; t++) {
    // A timers phase once the slice is used up (the lock renewal is a timer).
    if (performance.now() - sliceStarted >= TASK_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStarted = performance.now();
    }
    outcomes.push(await runOne(tasks[t], t));
  }
  const written = await store.write(entries);
  tasks.forEach((task, t) => {
    if (failures[t] !== undefined && !single) log(`hamilton-ts worker: job ${job.id} (${task.nodes.join(', ')}) failed: ${failures[t]}`);
    else if (verbose && failures[t] === undefined) {
      log(`hamilton-ts worker: job ${job.id} (${task.nodes.join(', ')}) done in ${Date.now() - started} ms`
        + (written ? '' : '; its run had ended: no output written'));
    }
  });
  if (!single) return { worker: WORKER_ID, tasks: outcomes, written };
  // The BullMQ 'failed' event logs it, and the driver reads the error key.
  if (failures[0] !== undefined) throw new UnrecoverableError(failures[0]);
  return { outputs: written ? tasks[0].needed.length : 0, worker: WORKER_ID, durationsMs: outcomes[0].durationsMs };
}

/** Every input of the job's tasks, by key, read at once and each decoded once; one missing or damaged fails the job, for good. */
async function readInputs(store: RedisValueStore, tasks: readonly TaskEntry[]): Promise<Map<string, unknown>> {
  const names = new Map<string, string>(); // key -> a name it is read as, for the message
  for (const task of tasks) for (const [name, key] of Object.entries(task.inputKeys)) if (!names.has(key)) names.set(key, name);
  const keys = [...names.keys()];
  let read: unknown[];
  try {
    read = await store.read(keys.map((key) => ({ name: names.get(key)!, key })));
  } catch (error) {
    // Missing or corrupted: another try would find the same (a run's values go missing together, when it ends or expires).
    if (error instanceof StoredValueError) throw new UnrecoverableError(`${error.message}; its run may have ended`);
    throw error;
  }
  return new Map(keys.map((key, i) => [key, read[i]]));
}

/** A node's failure, written where the driver looks for it (a TaskFailure at the task's error key). */
function failureEntry(task: TaskEntry, node: string, cause: unknown): ValueToWrite {
  const failure = describeFailure(node, cause instanceof Error ? cause : new Error(String(cause)));
  let encoded: EncodedParts;
  try {
    encoded = encodeParts(failure);
  } catch {
    // Checks whose values cannot travel: the error's name, message and stack still can.
    delete failure.failures;
    encoded = encodeParts(failure);
  }
  return { name: `the failure of node '${node}'`, key: task.errorKey, encoded };
}
