import { fork, type ChildProcess } from 'child_process';
import { MEMORY_SETTING } from '../runtime/cli/memory-tunables';
import { loadParquet } from '../runtime/io/parquet';
import type { Table } from '../runtime/values/values';
import { PartitionedMarketing, type PartitionSummary } from '../examples/scale-out/features';

/**
 * The baseline for the scale-out speedup: each partition's work of
 * examples/scale-out (read the Parquet file, the features, the summary) by
 * hand, in plain processes of its own, with no driver, no Redis, no BullMQ,
 * the partitions split evenly in advance. What two such processes gain over
 * one is what this machine gives this work: the most two workers could.
 */

const CHILD_FLAG = '--scale-out-by-hand-child';

/** One partition by hand: the dataflow's own methods called in order. */
export async function partitionByHand(file: string): Promise<PartitionSummary> {
  const flow = new PartitionedMarketing();
  const { table } = await loadParquet(file, ['spend', 'signups']);
  const spend = flow.spend(table as Table);
  const signups = flow.signups(table as Table);
  const spendMean = flow.spendMean(spend);
  const acquisitionCost = flow.acquisitionCost(flow.avg3wkSpend(spend), signups);
  return flow.partitionSummary(file, spend, signups, spendMean, flow.spendZeroMean(spend, spendMean), acquisitionCost);
}

type ToChild = { files: string[]; warmUps: number } | { go: true };
type FromChild = { ready: true } | { ms: number; summaries: PartitionSummary[] };

/** In a child: warm up on its files, then run them all once each time the parent says go. */
function childMain(): void {
  let files: string[] = [];
  process.on('message', async (message: ToChild) => {
    if ('files' in message) {
      files = message.files;
      for (let w = 0; w < message.warmUps; w++) for (const file of files) await partitionByHand(file);
      process.send!({ ready: true } satisfies FromChild);
      return;
    }
    const started = performance.now();
    const summaries: PartitionSummary[] = [];
    for (const file of files) summaries.push(await partitionByHand(file));
    process.send!({ ms: performance.now() - started, summaries } satisfies FromChild);
  });
}

/** `processes` plain processes (with the workers' memory setting), the files dealt out in turn, warmed up. */
export async function byHandProcesses(processes: number, files: readonly string[], warmUps: number): Promise<{
  /** Every process runs its share once, started together: the slowest one's time, and the summaries in file order. */
  round: () => Promise<{ ms: number; summaries: PartitionSummary[] }>;
  stop: () => void;
}> {
  const children: ChildProcess[] = Array.from({ length: processes }, () => fork(__filename, [CHILD_FLAG], {
    env: { ...process.env, GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? MEMORY_SETTING },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  }));
  const shares = children.map((_, c) => files.filter((_, i) => i % processes === c));
  const reply = (child: ChildProcess) => new Promise<FromChild>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`a by-hand process exited (${code})`));
    child.once('exit', exited);
    child.once('message', (message: FromChild) => {
      child.off('exit', exited);
      resolve(message);
    });
  });
  await Promise.all(children.map((child, c) => {
    const ready = reply(child);
    child.send({ files: shares[c], warmUps } satisfies ToChild);
    return ready;
  }));
  return {
    round: async () => {
      const replies = await Promise.all(children.map((child) => {
        const done = reply(child);
        child.send({ go: true } satisfies ToChild);
        return done;
      })) as { ms: number; summaries: PartitionSummary[] }[];
      const summaries: PartitionSummary[] = [];
      files.forEach((_, i) => summaries.push(replies[i % processes].summaries[Math.floor(i / processes)]));
      return { ms: Math.max(...replies.map((r) => r.ms)), summaries };
    },
    stop: () => children.forEach((child) => child.kill()),
  };
}

if (process.argv.includes(CHILD_FLAG)) childMain();
