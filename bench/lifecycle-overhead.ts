import { Writable } from 'node:stream';
import { Builder } from '../runtime/driver/builder';
import type { LifecycleAdapter } from '../runtime/lifecycle/lifecycle-adapter';
import { ProgressBar } from '../runtime/lifecycle/progress-bar';
import { RecordResult } from '../runtime/results/record-result';
import { chainDirect, wideDirect, type Direct } from './direct-calls';
import { chain, wide, type GeneratedDataflow } from './generated-dataflows';
import { compare, fixed, markdownTable, runIfMain, us, verdict } from './timing';

/**
 * What lifecycle adapters cost a node, warm, on the 1,000-node generated
 * dataflows: beside calling the same functions directly, and beside the
 * same driver without adapters. Goals: nothing without adapters (the
 * no-adapter driver's overhead over direct calls is execution-overhead.ts's
 * figure), at most 1 µs a node with the progress bar drawing.
 */

const PROGRESS_GOAL_US = 1;
const N = Number(process.env.LIFECYCLE_BENCH_NODES ?? 1_000);
const INPUTS = { inputs: { x: 1 } };

/** A terminal that throws away what is drawn: the bar draws as on a real one (cli-progress writes, we count no bytes). */
function nullTerminal(): NodeJS.WritableStream & { isTTY: boolean; columns: number } {
  const stream = new Writable({ write(_chunk, _encoding, done) { done(); } }) as Writable & { isTTY: boolean; columns: number };
  stream.isTTY = true;
  stream.columns = 120;
  Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return stream;
}

/** The floor of any per-node hook: one counter before and after each node. */
class Counting implements LifecycleAdapter {
  count = 0;
  beforeNode(): void {
    this.count++;
  }

  afterNode(): void {
    this.count++;
  }
}

const driver = (flow: GeneratedDataflow, ...adapters: LifecycleAdapter[]) =>
  new Builder().withModules(flow.module).withResultBuilder(new RecordResult()).withAdapters(...adapters).build();

async function measure(shape: string, flow: GeneratedDataflow, direct: Direct, outputs: string[]): Promise<(string | number)[]> {
  const n = flow.nodes.length;
  const none = driver(flow);
  const runHooksOnly = driver(flow, { afterRun: () => undefined });
  const counting = driver(flow, new Counting());
  const progress = driver(flow, new ProgressBar({ stream: nullTerminal() }));
  const drawing = driver(flow, new ProgressBar({ stream: nullTerminal(), delayMs: 0 }));
  const { ms, delta } = await compare([
    () => direct(1),
    () => none.rawExecute(outputs, INPUTS),
    () => runHooksOnly.rawExecute(outputs, INPUTS),
    () => counting.rawExecute(outputs, INPUTS),
    () => progress.rawExecute(outputs, INPUTS),
    () => drawing.rawExecute(outputs, INPUTS),
  ], { rounds: 31, sampleMs: 10 });
  const perNode = (x: number) => us(x / n);
  const overNone = (i: number) => ms[i] - ms[1];
  return [
    shape, n, perNode(ms[0]), perNode(delta[1]),
    perNode(overNone(2)), perNode(overNone(3)), perNode(overNone(4)), perNode(overNone(5)),
    fixed(ms[5] / ms[1], 2),
    verdict(Math.max(overNone(4), overNone(5)) < (PROGRESS_GOAL_US / 1000) * n),
  ];
}

export async function main(): Promise<string> {
  const chained = chain(N);
  const spread = wide(N);
  const rows = [
    await measure('chain', chained, chainDirect(chained), [`c${N - 1}`]),
    await measure('wide', spread, wideDirect(spread), spread.nodes.map((node) => node.name)),
  ];
  return [
    '### Lifecycle adapters: cost per node (µs per node, warm, median)',
    '',
    markdownTable([
      'shape', 'nodes', 'direct calls', 'no adapters − direct', 'run hooks only − no adapters', 'beforeNode+afterNode counter − no adapters',
      'ProgressBar (default) − no adapters', 'ProgressBar drawing every run − no adapters', 'drawing / no adapters', `goal ProgressBar < ${PROGRESS_GOAL_US} µs/node`,
    ], rows),
    '',
    'No adapters: the driver as without lifecycle support (no runner is wrapped; the seam is one check per run). '
    + 'Run hooks only: an adapter with afterRun alone, nodes are not wrapped. '
    + 'ProgressBar on a terminal stream that discards its output: by default it appears once a run has lasted 100 ms (these runs are quicker, '
    + 'so the hooks count and nothing is drawn); drawing every run (delayMs 0) starts and stops the bar each run and redraws 10 times a second.',
  ].join('\n');
}

runIfMain(module, main);
