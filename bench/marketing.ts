import * as aq from 'arquero';
import { MarketingSpend } from '../examples/marketing/features';
import { Builder } from '../runtime/driver/builder';
import * as col from '../runtime/values/column-math';
import type { Column, Table } from '../runtime/values/values';
import { compare, fixed, markdownTable, runIfMain, us, verdict } from './timing';

/**
 * Benchmark 4: the marketing dataflow on millions of rows, `execute` to an
 * Arquero table, against the same `col.*` kernels (and the same range check)
 * called by hand.
 */

const GOAL_RATIO = 1.05;
type Kind = 'Float64Array' | 'number[]';
/** [rows, column kind, rounds]: the goal is stated for Float64Array; plain arrays are also valid `Column<number>`s. */
const CASES: [number, Kind, number][] = [
  [1_000_000, 'Float64Array', 25],
  [1_000_000, 'number[]', 9],
  [10_000_000, 'Float64Array', 7],
];
const OUTPUTS = ['spend', 'signups', 'acquisitionCost', 'spendZeroMean'];

/** Deterministic weekly-looking data: spend 10..1010, signups 1..500. */
function columns(rows: number, kind: Kind): { spend: Column<number>; signups: Column<number> } {
  const spend = Float64Array.from({ length: rows }, (_, i) => 10 + ((i * 7919) % 1000));
  const signups = Float64Array.from({ length: rows }, (_, i) => 1 + ((i * 104729) % 500));
  return kind === 'Float64Array' ? { spend, signups } : { spend: Array.from(spend), signups: Array.from(signups) };
}

/** `@checkOutput({ range: [0, 10_000], allowNaN: true }, { importance: 'warn' })` on acquisitionCost, by hand. */
function warnOutOfRange(x: Column<number>, lo: number, hi: number): void {
  let outside = 0;
  for (let i = 0; i < x.length; i++) if (x[i] < lo || x[i] > hi) outside++; // NaN compares false: exempt
  if (outside) console.warn(`acquisitionCost: ${outside} values outside [${lo}, ${hi}]`);
}

/** The `col.*` kernels MarketingSpend runs for these outputs, called by hand, assembled with `aq.table`. */
function kernelsByHand(spend: Column<number>, signups: Column<number>): { table: Table; acquisitionCost: Column<number> } {
  const acquisitionCost = col.divide(col.rollingMean(spend, 3), signups);
  const spendZeroMean = col.subtract(spend, col.mean(spend));
  return { table: aq.table({ spend, signups, acquisitionCost, spendZeroMean }), acquisitionCost };
}

/** Baseline: everything MarketingSpend does for these outputs, including its range check, written by hand. */
export function byHand(spend: Column<number>, signups: Column<number>): Table {
  const { table, acquisitionCost } = kernelsByHand(spend, signups);
  warnOutOfRange(acquisitionCost, 0, 10_000);
  return table;
}

function sameTable(a: Table, b: Table): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
    x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => Object.is(v, y[i]));
  return a.columnNames().join() === b.columnNames().join()
    && a.columnNames().every((name) => same(a.array(name) as ArrayLike<number>, b.array(name) as ArrayLike<number>));
}

/** By hand (with and without the range check), then `execute`, on the same data. */
async function compareRuns(rows: number, kind: Kind, rounds: number) {
  const { spend, signups } = columns(rows, kind);
  const dr = new Builder().withModules(MarketingSpend).build();
  const inputs = { inputs: { spend, signups } };
  // A full collection before each sample: every run writes freshly mapped output buffers, as a one-off run does.
  const comparison = await compare([
    () => byHand(spend, signups),
    () => kernelsByHand(spend, signups),
    () => dr.execute(OUTPUTS, inputs),
  ], { rounds, gc: true });
  const same = sameTable(await dr.execute(OUTPUTS, inputs), byHand(spend, signups));
  return { ...comparison, same };
}

async function measure(rows: number, kind: Kind, rounds: number): Promise<(string | number)[]> {
  const { ms, ratio, cpuRatio, same } = await compareRuns(rows, kind, rounds);
  const seconds = (t: number) => fixed(t / 1000, 3);
  return [
    rows.toLocaleString('en-US'), kind, seconds(ms[1]), seconds(ms[0]), seconds(ms[2]),
    fixed(ratio[2], 3), fixed(cpuRatio[2], 3), same ? 'yes' : '**no**', verdict(cpuRatio[2] <= GOAL_RATIO),
  ];
}

/** The driver's fixed cost per `execute` (plan cached), where the kernels cost next to nothing. */
async function fixedCost(): Promise<string> {
  const { ms, delta } = await compareRuns(6, 'Float64Array', 31);
  return `Fixed cost of \`execute\` itself (6 rows, plan cached): ${us(delta[2])} µs over ${us(ms[0])} µs by hand.`;
}

export async function main(): Promise<string> {
  const rows = [];
  for (const [n, kind, rounds] of CASES) rows.push(await measure(n, kind, rounds));
  const fixedLine = await fixedCost();
  return [
    `### 4. Marketing dataflow, outputs ${OUTPUTS.map((o) => `\`${o}\``).join(', ')} (seconds per run, median)`,
    '',
    markdownTable([
      'rows', 'columns', 'kernels by hand', 'kernels + range check by hand', '`execute`',
      '`execute` / by hand, wall', '`execute` / by hand, CPU', 'same table', `goal ≤ ${GOAL_RATIO}× (CPU)`,
    ], rows),
    '',
    'By hand: `col.rollingMean`, `col.divide`, `col.mean`, `col.subtract` and `aq.table`, plus the range check '
    + 'the example declares on acquisitionCost (`@checkOutput({ range: [0, 10_000], allowNaN: true }, { importance: \'warn\' })`) '
    + 'as one loop. `execute`: record inputs, the default TableResult. Spend and signups as Float64Array (the goal case) '
    + 'or plain number arrays. Times are wall-clock medians; ratios are medians of per-round ratios, of wall time and '
    + 'of process CPU time (the goal is judged on CPU: on this shared 2-core machine single rounds swing ±30% in wall '
    + 'time while CPU time stays put). Each sample follows a full collection, so output buffers are freshly mapped '
    + 'memory, as in a one-off run.',
    '',
    fixedLine,
  ].join('\n');
}

runIfMain(module, main);
