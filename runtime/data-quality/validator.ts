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
  /** What the shared one-pass numeric profile must compute for this validator. */
  readonly profileNeeds?: ProfileNeeds;
  validate(value: unknown, context: ValidationContext): Verdict;
}

export type { ProfileOptions as ProfileNeeds } from './numeric-profile';

/**
 * Shared work between the validators of one check: the numeric profile is
 * computed once, in one pass, for every numeric validator that asks.
 */
export class ValidationContext {
  private profile?: NumericProfile;

  private constructor(private readonly needs: ProfileNeeds) {}

  /** A context for one value checked by these validators. */
  static for(validators: readonly Validator[]): ValidationContext {
    return new ValidationContext(Object.assign({}, ...validators.map((v) => v.profileNeeds ?? {})) as ProfileNeeds);
  }

  numeric(values: ArrayLike<unknown>): NumericProfile {
    this.profile ??= numericProfile(values, this.needs);
    return this.profile;
  }
}

/** The values a check reads: a column's or array's elements, or a scalar as one value. */
export function valuesOf(value: unknown): ArrayLike<unknown> {
  return isColumnLike(value) ? value : [value];
}
