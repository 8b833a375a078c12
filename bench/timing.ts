/**
 * Shared timing helpers for the benchmarks: batched samples, medians, and
 * A/B comparisons measured alternately so that machine noise hits both sides.
 */

export type Task = () => unknown;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Forces a collection between samples when node runs with --expose-gc (run-all passes it). */
export const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Milliseconds per call of `task`, over `calls` back-to-back calls (promises are awaited, sync results are not). */
export async function timeCalls(task: Task, calls = 1): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const r = task();
    if (r instanceof Promise) await r;
  }
  return (performance.now() - start) / calls;
}

/** Process CPU milliseconds (user + system, every thread: GC helpers too) spent by `calls` calls of `task`. */
async function cpuCalls(task: Task, calls: number): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const wall = await timeCalls(task, calls);
  const { user, system } = process.cpuUsage(cpu);
  return { wall, cpu: (user + system) / 1000 / calls };
}

/** Calls per sample so that one sample lasts about `sampleMs` (timer resolution and call overheads vanish). */
async function callsPerSample(task: Task, sampleMs: number): Promise<number> {
  const once = await timeCalls(task, 1);
  if (once >= sampleMs) return 1;
  const again = await timeCalls(task, Math.max(1, Math.min(1000, Math.ceil(sampleMs / Math.max(once, 1e-3) / 10))));
  return Math.max(1, Math.round(sampleMs / Math.max(again, 1e-4)));
}

export interface Comparison {
  /** Median ms per call of each task. */
  ms: number[];
  /** Median over rounds of ms(task i) / ms(task 0), each ratio taken within one round. */
  ratio: number[];
  /** Median over rounds of ms(task i) − ms(task 0), each difference taken within one round. */
  delta: number[];
  /** As `ratio`, for process CPU time: what each task costs, whatever else the machine runs meanwhile. */
  cpuRatio: number[];
}

/**
 * Times several tasks round-robin: every round takes one sample of each task,
 * so slow phases of a noisy machine hit all of them. Warms each task first.
 */
export async function compare(tasks: readonly Task[], options: { rounds?: number; sampleMs?: number; gc?: boolean } = {}): Promise<Comparison> {
  const { rounds = 9, sampleMs = 20, gc = false } = options;
  const calls: number[] = [];
  for (const task of tasks) calls.push(await callsPerSample(task, sampleMs));
  const samples: number[][] = tasks.map(() => []);
  const cpu: number[][] = tasks.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Forward on even rounds, backward on odd ones: no task always runs right after the same other.
    for (let k = 0; k < tasks.length; k++) {
      const t = r % 2 ? tasks.length - 1 - k : k;
      if (gc) collect();
      const sample = await cpuCalls(tasks[t], calls[t]);
      samples[t].push(sample.wall);
      cpu[t].push(sample.cpu);
    }
  }
  const ratios = (of: number[][]) => of.map((s) => median(s.map((v, r) => v / of[0][r])));
  return {
    ms: samples.map(median),
    ratio: ratios(samples),
    delta: samples.map((s) => median(s.map((v, r) => v - samples[0][r]))),
    cpuRatio: ratios(cpu),
  };
}

/**
 * Median ms of a one-shot measurement: `setup` (untimed) builds fresh state,
 * `task` is timed once on it. One untimed round first, so "cold" means fresh
 * state, not unoptimised code.
 */
export async function coldMedian<S>(setup: () => S, task: (state: S) => unknown, rounds = 11): Promise<number> {
  await timeCalls(() => task(setup()));
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const state = setup();
    collect(); // the garbage of the setup is not the task's
    samples.push(await timeCalls(() => task(state)));
  }
  return median(samples);
}

export const us = (ms: number, digits = 3): string => (ms * 1000).toPrecision(digits);
export const fixed = (x: number, digits = 2): string => x.toFixed(digits);
export const verdict = (met: boolean): string => (met ? '**met**' : '**not met**');

export function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Runs a benchmark's `main` when its file is executed directly, printing the markdown it returns. */
export function runIfMain(mod: NodeJS.Module, main: () => Promise<string>): void {
  if (require.main !== mod) return;
  main().then((markdown) => console.log(markdown), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
