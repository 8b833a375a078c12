import { chainDirect, fanInDirect, type Direct } from './direct-calls';
import { recordDriver } from './execution-overhead';
import { chain, wide, type GeneratedDataflow } from './generated-dataflows';
import { coldMedian, compare, fixed, markdownTable, runIfMain, us, verdict } from './timing';

/**
 * Benchmark 3: asking for only the end of a long chain, or only the sink of a
 * wide fan-in (one method with N parameters): no stack overflow, and time
 * linear in the size of the graph.
 */

const INPUTS = { inputs: { x: 1 } };
/** [nodes, rounds]: past 10,000 a build takes seconds, so 100,000 is measured once (beyond the brief). */
const SIZES: [number, number][] = [[1_000, 11], [10_000, 11], [100_000, 1]];
const LINEAR_RATIO = 2;

interface Shape {
  name: string;
  generate: (n: number) => GeneratedDataflow;
  direct: (flow: GeneratedDataflow) => Direct;
  output: (n: number) => string;
}

const SHAPES: Shape[] = [
  { name: 'chain, last node', generate: chain, direct: chainDirect, output: (n) => `c${n - 1}` },
  { name: 'fan-in, sink only', generate: (n) => wide(n, true), direct: fanInDirect, output: () => 'sink' },
];

interface Measured {
  build: number;
  cold: number;
  warm: number;
  direct: number;
  outcome: string;
}

/** Milliseconds per node, or the error that stopped the run (a stack overflow, say). */
async function measure(shape: Shape, n: number, rounds: number): Promise<Measured> {
  const flow = shape.generate(n);
  const outputs = [shape.output(n)];
  const direct = shape.direct(flow);
  const perNode = (ms: number) => ms / n;
  try {
    const build = await coldMedian(() => flow, recordDriver, rounds);
    const cold = await coldMedian(() => recordDriver(flow), (dr) => dr.rawExecute(outputs, INPUTS), rounds);
    const dr = recordDriver(flow);
    const { ms } = await compare([() => direct(1), () => dr.rawExecute(outputs, INPUTS)], { rounds: 2 * rounds + 1 });
    const got = (await dr.rawExecute(outputs, INPUTS))[outputs[0]];
    const want = direct(1)[outputs[0]];
    const outcome = got === want ? 'ok' : `wrong result ${got}, expected ${want}`;
    return { build: perNode(build), cold: perNode(cold), warm: perNode(ms[1]), direct: perNode(ms[0]), outcome };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    return { build: NaN, cold: NaN, warm: NaN, direct: NaN, outcome: `**failed** (${message})` };
  }
}

export async function main(): Promise<string> {
  const rows = [];
  const linearity = [];
  for (const shape of SHAPES) {
    const results: Measured[] = [];
    for (const [n, rounds] of SIZES) {
      const m = await measure(shape, n, rounds);
      results.push(m);
      rows.push([shape.name, n, m.outcome, us(m.build), us(m.cold), us(m.warm), us(m.direct), fixed(m.warm / m.direct, 1)]);
    }
    const [small, large] = results;
    const ratios = (['build', 'cold', 'warm'] as const).map((k) => large[k] / small[k]);
    linearity.push([shape.name, ...ratios.map((r) => fixed(r, 2)), verdict(ratios.every((r) => r < LINEAR_RATIO))]);
  }
  return [
    '### 3. Only the end of a long chain / only the sink of a fan-in (µs per node, median)',
    '',
    markdownTable(['graph, request', 'nodes', 'stack / result', 'build', 'first call', 'warm call', 'direct calls', 'warm / direct'], rows),
    '',
    'First call: `rawExecute` on a freshly built driver (plans the request). The fan-in sink is one method whose metadata lists N parameters.',
    '',
    markdownTable(['graph', 'build 10k/1k', 'first call 10k/1k', 'warm 10k/1k', `linear (per-node ratios < ${LINEAR_RATIO})`], linearity),
    '',
    'Per-node cost at 10,000 nodes divided by per-node cost at 1,000 nodes: 1.0 is perfectly linear.',
  ].join('\n');
}

runIfMain(module, main);
