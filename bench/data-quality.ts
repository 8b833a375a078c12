import { checkOutput } from '../decorators/check-output';
import { dataflow } from '../decorators/dataflow';
import { Builder } from '../runtime/driver/builder';
import { RecordResult } from '../runtime/results/record-result';
import type { Column } from '../runtime/values/values';
import { compare, fixed, markdownTable, runIfMain, verdict } from './timing';

/**
 * The cost of `@checkOutput({ range, allowNaN: false })` on a 10M-row column:
 * the same node with and without the check (the difference is what checking
 * costs), beside a hand-written typed-array loop doing the same two checks.
 */

const ROWS = 10_000_000;
const GOAL_MS = 30;
const GOAL_RATIO = 1.5;

@dataflow()
class Unchecked {
  price(raw: Column<number>): Column<number> {
    return raw;
  }
}

@dataflow()
class Checked {
  @checkOutput({ range: [0, 1000], allowNaN: false })
  price(raw: Column<number>): Column<number> {
    return raw;
  }
}

/** The baseline: one pass counting values out of [0, 1000] and NaNs, remembering the first offenders. */
function handCheck(values: Float64Array): { outOfRange: number; nan: number; first: number[] } {
  let outOfRange = 0;
  let nan = 0;
  const first: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      nan++;
      if (first.length < 5) first.push(i);
    } else if (v < 0 || v > 1000) {
      outOfRange++;
      if (first.length < 5) first.push(i);
    }
  }
  return { outOfRange, nan, first };
}

export async function main(): Promise<string> {
  const raw = Float64Array.from({ length: ROWS }, (_, i) => (i * 7919) % 1000);
  const inputs = { raw };
  const plain = new Builder().withModules(Unchecked).withResultBuilder(new RecordResult()).build();
  const checked = new Builder().withModules(Checked).withResultBuilder(new RecordResult()).build();
  const { report } = await checked.executeWithReport(['price'], { inputs });
  if (!report.ok || handCheck(raw).outOfRange !== 0) throw new Error('the benchmark data should pass its checks');
  const { ms, delta } = await compare([
    () => plain.execute(['price'], { inputs }),
    () => checked.execute(['price'], { inputs }),
    () => handCheck(raw),
  ], { rounds: 15, sampleMs: 100 });
  const checkCost = delta[1];
  const hand = ms[2];
  return [
    '### Data quality: range + NaN checks on a 10M-row column',
    '',
    markdownTable(['measure', 'ms'], [
      ['run without checks', fixed(ms[0])],
      ['run with `@checkOutput({ range: [0, 1000], allowNaN: false })`', fixed(ms[1])],
      ['**cost of the checks** (difference)', `**${fixed(checkCost)}**`],
      ['hand-written typed-array loop, same checks', fixed(hand)],
    ]),
    '',
    `Checks / hand loop: ${fixed(checkCost / hand)}×. Goals: under ${GOAL_MS} ms ${verdict(checkCost < GOAL_MS)}; `
    + `within ${GOAL_RATIO}× of the hand loop ${verdict(checkCost / hand <= GOAL_RATIO)}. `
    + 'For reference, Python Hamilton\'s `@check_output(range=..., allow_nans=False)` adds 88 ms here (51 ms by hand in pandas).',
  ].join('\n');
}

runIfMain(module, main);
