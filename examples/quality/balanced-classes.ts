import type { Table, TypeDescriptor, Validator, Verdict } from 'hamilton-ts';

/**
 * A check written for `@checkOutputCustom`: in a table of class counts, the
 * largest class has at most `maxRatio` times the flowers of the smallest.
 * A classifier trained on skewed classes learns the skew.
 */
export class BalancedClasses implements Validator {
  readonly name = 'balancedClasses';
  readonly description: string;

  constructor(private readonly maxRatio: number, private readonly countColumn = 'flowers') {
    this.description = `largest class at most ${maxRatio}× the smallest`;
  }

  unsuitableFor(type: TypeDescriptor): string | undefined {
    return type.kind === 'table' ? undefined : 'checks the counts column of a table';
  }

  validate(value: unknown): Verdict {
    const counts = Array.from((value as Table).array(this.countColumn) as ArrayLike<number>);
    if (counts.length === 0) return { passed: false, message: 'no classes to compare' };
    const smallest = Math.min(...counts);
    const largest = Math.max(...counts);
    const ratio = largest / smallest;
    return {
      passed: ratio <= this.maxRatio,
      message: `classes of ${smallest} to ${largest} flowers: ratio ${ratio.toFixed(2)}, at most ${this.maxRatio} allowed`,
      figures: { smallest, largest, ratio, classes: counts.length },
    };
  }
}
