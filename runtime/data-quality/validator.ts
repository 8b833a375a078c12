import type { TypeDescriptor } from '../contract/type-descriptor';
import { isColumnLike } from '../values/values';
import type { Verdict } from './check-result';
import { numericProfile, type NumericProfile, type ProfileOptions as ProfileNeeds } from './numeric-profile';

/**
 * A data-quality check on one node's value. Built-in validators come from
 * `@checkOutput({...})`; write your own for `@checkOutputCustom(...)`.
 */
export interface Validator {
  readonly name: string;
  readonly description: string;
  /** Why this validator cannot check values of this declared type, or undefined if it can. */
  unsuitableFor?(type: TypeDescriptor): string | undefined;
  /** What the shared one-pass numeric profile must compute for this validator: `context.numeric(values)` reads it with these needs. */
  readonly profileNeeds?: ProfileNeeds;
  validate(value: unknown, context: ValidationContext): Verdict;
}

export type { ProfileOptions as ProfileNeeds } from './numeric-profile';

type Range = readonly [number, number];

/** One computed profile and the range its out-of-range counts are for. */
interface Profiled {
  readonly range: Range | undefined;
  readonly mean: boolean;
  readonly std: boolean;
  readonly profile: NumericProfile;
}

/** What every validator of the check shares: the profiles so far, per array, and the statistics any of them wants. */
interface Shared {
  readonly profiles: Map<ArrayLike<unknown>, Profiled[]>;
  readonly mean: boolean;
  readonly std: boolean;
  /** The range the validators ask for when they agree on one; `'several'` when they do not. */
  readonly range: Range | undefined | 'several';
}

const sameRange = (a: Range | undefined, b: Range | undefined): boolean => a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);

/**
 * Shared work between the validators of one check: each array's numeric
 * profile is computed once, in one pass, for every validator that asks —
 * the out-of-range counts belong to one range, so validators asking for
 * different ranges (or one validator profiling several arrays) get
 * profiles of their own, never another's.
 */
export class ValidationContext {
  private constructor(private readonly shared: Shared, private readonly own: ProfileNeeds | undefined) {}

  /** A context for one value checked by these validators. */
  static for(validators: readonly Validator[]): ValidationContext {
    const needs = validators.map((v) => v.profileNeeds ?? {});
    const ranges = needs.map((n) => n.range).filter((r): r is Range => r !== undefined);
    const range = ranges.every((r) => sameRange(r, ranges[0])) ? ranges[0] : 'several';
    return new ValidationContext({
      profiles: new Map(),
      mean: needs.some((n) => n.mean || n.std),
      std: needs.some((n) => n.std),
      range,
    }, undefined);
  }

  /** This context as one validator reads it: `numeric(values)` with that validator's own needs. A check node hands each validator this. */
  forValidator(validator: Validator): ValidationContext {
    return new ValidationContext(this.shared, validator.profileNeeds ?? {});
  }

  /**
   * The profile of these values, with these needs (by default the
   * validator's own, see `forValidator`; or the validators' common needs).
   * A profile already computed for the same array is reused when its range
   * is the one asked for.
   */
  numeric(values: ArrayLike<unknown>, needs: ProfileNeeds | undefined = this.own): NumericProfile {
    const { shared } = this;
    let range: Range | undefined;
    if (needs) {
      range = needs.range;
    } else if (shared.range === 'several') {
      throw new Error('these validators ask for different ranges: read the profile with context.forValidator(validator).numeric(values), or pass the needs');
    } else {
      range = shared.range;
    }
    const mean = !!(needs ? needs.mean || needs.std : shared.mean);
    const std = !!(needs ? needs.std : shared.std);
    let known = shared.profiles.get(values);
    const fit = known?.find((p) => (range === undefined || sameRange(p.range, range)) && (p.mean || !mean) && (p.std || !std));
    if (fit) return fit.profile;
    // Computed for everyone: the first pass also counts the range the validators agree on, and the statistics any of them wants.
    const options = { range: range ?? (shared.range === 'several' ? undefined : shared.range), mean: mean || shared.mean, std: std || shared.std };
    const profile = numericProfile(values, options);
    if (!known) shared.profiles.set(values, (known = []));
    known.push({ ...options, profile });
    return profile;
  }
}

/** The values a check reads: a column's or array's elements, or a scalar as one value. */
export function valuesOf(value: unknown): ArrayLike<unknown> {
  return isColumnLike(value) ? value : [value];
}
