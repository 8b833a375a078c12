import { Builder } from '../runtime/driver/builder';
import type { Driver } from '../runtime/driver/driver';
import { RecordResult } from '../runtime/results/record-result';
import { chainDirect, wideDirect, type Direct } from './direct-calls';
import { chain, wide, type GeneratedDataflow } from './generated-dataflows';
import { coldMedian, compare, fixed, markdownTable, runIfMain, us, verdict } from './timing';

/**
 * Benchmark 2: what the driver adds per node over calling the same functions
 * directly in topological order. Steady state (plan cached, code warm) and
 * the first call on a freshly built driver (plan built) are reported apart.
 */

const GOAL_US = 0.5;
const SIZES = [100, 1_000, 10_000];
const INPUTS = { inputs: { x: 1 } };

export type RecordDriver = Driver<Record<string, unknown>>;

export const recordDriver = (flow: GeneratedDataflow): RecordDriver =>
  new Builder().withModules(flow.module).withResultBuilder(new RecordResult()).build();

interface Case {
  shape: string;
  flow: GeneratedDataflow;
  direct: Direct;
  outputs: string[];
}

async function measure({ shape, flow, direct, outputs }: Case): Promise<(string | number)[]> {
  const n = flow.nodes.length;
  const dr = recordDriver(flow);
  const { ms, ratio, delta } = await compare([
    () => direct(1),
    () => dr.rawExecute(outputs, INPUTS),
    () => dr.execute(outputs, INPUTS),
  ], { rounds: 31, sampleMs: 10 });
  const directMs = ms[0];
  const coldRaw = await coldMedian(() => recordDriver(flow), (fresh) => fresh.rawExecute(outputs, INPUTS));
  const coldExecute = await coldMedian(() => recordDriver(flow), (fresh) => fresh.execute(outputs, INPUTS));
  const perNode = (ms: number) => us(ms / n);
  return [
    shape, n, outputs.length === 1 ? outputs[0] : `all ${outputs.length}`, perNode(directMs),
    perNode(delta[1]), perNode(delta[2]), fixed(ratio[1], 1),
    perNode(coldRaw - directMs), perNode(coldExecute - directMs),
    verdict(Math.max(delta[1], delta[2]) < (GOAL_US / 1000) * n),
  ];
}

export async function main(): Promise<string> {
  const rows = [];
  for (const n of SIZES) {
    const chained = chain(n);
    rows.push(await measure({ shape: 'chain', flow: chained, direct: chainDirect(chained), outputs: [`c${n - 1}`] }));
    const spread = wide(n);
    rows.push(await measure({ shape: 'wide', flow: spread, direct: wideDirect(spread), outputs: spread.nodes.map((node) => node.name) }));
  }
  return [
    '### 2. Per-node execution overhead (µs per node, median)',
    '',
    markdownTable([
      'shape', 'nodes', 'outputs', 'direct calls', 'rawExecute − direct', 'execute(RecordResult) − direct',
      'rawExecute / direct', 'cold rawExecute − direct', 'cold execute − direct', `goal < ${GOAL_US} µs/node (warm)`,
    ], rows),
    '',
    'Direct calls: the same functions called in topological order in a loop, values kept, outputs returned by name. '
    + 'Warm: plan cached, code optimised. Cold: the first call on a freshly built driver (plans the request).',
  ].join('\n');
}

runIfMain(module, main);
