import * as path from 'node:path';
import { RecordResult } from '../runtime/results/record-result';
import { chain, wide, type GeneratedDataflow } from './generated-dataflows';
import { compare, markdownTable, runIfMain, us, verdict } from './timing';
import { Builder } from '../runtime/driver/builder';

/**
 * The no-adapter driver beside the driver from before lifecycle hooks, in one
 * process, sampled alternately: `LIFECYCLE_BASELINE=<dir>` names a build of
 * the earlier commit (its dist/ holds runtime/driver/builder.js). Goal: under
 * 0.2 µs a node more, warm, on the 1,000-node dataflows.
 */

const GOAL_US = 0.2;
const N = 1_000;
const INPUTS = { inputs: { x: 1 } };

type BuilderClass = typeof Builder;

async function measure(shape: string, flow: GeneratedDataflow, outputs: string[], Before: BuilderClass): Promise<(string | number)[]> {
  const before = new Before().withModules(flow.module).withResultBuilder(new RecordResult()).build();
  const now = new Builder().withModules(flow.module).withResultBuilder(new RecordResult()).build();
  const { ms } = await compare([() => before.rawExecute(outputs, INPUTS), () => now.rawExecute(outputs, INPUTS)], { rounds: 41, sampleMs: 10 });
  const delta = (ms[1] - ms[0]) / N;
  return [shape, N, us(ms[0] / N), us(ms[1] / N), us(delta), verdict(delta < GOAL_US / 1000)];
}

export async function main(): Promise<string> {
  const dir = process.env.LIFECYCLE_BASELINE;
  if (!dir) return 'lifecycle-baseline: set LIFECYCLE_BASELINE to a build of the commit before lifecycle hooks (skipped)';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Builder: Before } = require(path.resolve(dir, 'dist/runtime/driver/builder')) as { Builder: BuilderClass };
  const chained = chain(N);
  const spread = wide(N);
  const rows = [
    await measure('chain', chained, [`c${N - 1}`], Before),
    await measure('wide', spread, spread.nodes.map((n) => n.name), Before),
  ];
  return [
    '### Lifecycle hooks without adapters, beside the driver before them (µs per node, warm, median)',
    '',
    markdownTable(['shape', 'nodes', 'before hooks: rawExecute', 'with hooks, no adapter: rawExecute', 'difference', `goal < ${GOAL_US} µs/node`], rows),
  ].join('\n');
}

runIfMain(module, main);
