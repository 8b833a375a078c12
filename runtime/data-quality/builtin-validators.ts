import { numericOnly, stringsOnly, uniqueUnsuitable } from '../contract/check-applicability';
import { isBigIntArray, isTypedArray } from '../values/values';
import { EXAMPLES_KEPT, roundedFigure, type Verdict } from './check-result';
import type { NumericProfile } from './numeric-profile';
import { valuesOf, type Validator } from './validator';
import type { CheckSpec, DataType, ZodLike } from './check-spec';
import { schemaValidator } from './table-schema';
import { shownValue } from './shown-value';

function fmt(n: number): string {
  return String(roundedFigure(n));
}

/** A figure beside the bounds it was checked against: in full where rounding would make it read as one of them ("mean 0.2, expected within [0, 0.2]" for 0.20000000000000004). */
function fmtBeside(n: number, ...bounds: number[]): string {
  const rounded = roundedFigure(n);
  return n !== rounded && bounds.includes(rounded) ? String(n) : String(rounded);
}

function bounds(name: string, range: readonly [number, number] | undefined): string | undefined {
  if (!range) return undefined;
  if (!Array.isArray(range) || range.length !== 2 || range.some((b) => typeof b !== 'number' || Number.isNaN(b))) {
    return `${name} must be [min, max] numbers, got ${JSON.stringify(range)}`;
  }
  return range[0] > range[1] ? `${name} has min ${range[0]} > max ${range[1]}` : undefined;
}

/** Every check of CheckSpec: the compiler keeps this in step with the interface. */
const KNOWN_CHECKS = {
  dataType: true, range: true, allowNaN: true, allowNull: true, maxNaNFraction: true, values: true, meanRange: true,
  maxStd: true, unique: true, contains: true, notContains: true, length: true, schema: true, zod: true,
} satisfies Record<keyof CheckSpec, true>;

/** What is wrong with a spec in itself (before any node is known). */
export function specProblems(spec: CheckSpec): string[] {
  const problems = Object.keys(spec).filter((k) => !Object.hasOwn(KNOWN_CHECKS, k)).map((k) => `has no check '${k}'`);
  for (const p of [bounds('range', spec.range), bounds('meanRange', spec.meanRange), bounds('length', spec.length)]) if (p) problems.push(p);
  if (spec.maxNaNFraction !== undefined && !(spec.maxNaNFraction >= 0 && spec.maxNaNFraction <= 1)) {
    problems.push(`maxNaNFraction must be between 0 and 1, got ${spec.maxNaNFraction}`);
  }
  if (spec.maxStd !== undefined && !(spec.maxStd >= 0)) problems.push(`maxStd must be at least 0, got ${spec.maxStd}`);
  if (spec.values !== undefined && (!Array.isArray(spec.values) || spec.values.length === 0)) problems.push('values must be a non-empty list of allowed values');
  for (const key of ['contains', 'notContains'] as const) {
    const needles = spec[key];
    if (needles !== undefined && !isNeedles(needles)) problems.push(`${key} must be a string or a non-empty list of strings, got ${JSON.stringify(needles)}`);
  }
  if (spec.zod !== undefined && typeof spec.zod?.safeParse !== 'function') problems.push('zod must be a zod schema (something with safeParse)');
  return problems;
}

/** One validator per check in the spec, in a fixed order. */
export function builtinValidators(spec: CheckSpec): Validator[] {
  const validators: Validator[] = [];
  if (spec.dataType) validators.push(dataTypeValidator(spec.dataType));
  if (spec.range) validators.push(rangeValidator(spec.range, spec.allowNaN === true));
  if (spec.allowNaN === false) validators.push(noNaNValidator());
  if (spec.allowNull === false) validators.push(noNullValidator());
  if (spec.maxNaNFraction !== undefined) validators.push(maxNaNFractionValidator(spec.maxNaNFraction));
  if (spec.values) validators.push(valuesInValidator(spec.values));
  if (spec.meanRange) validators.push(meanRangeValidator(spec.meanRange));
  if (spec.maxStd !== undefined) validators.push(maxStdValidator(spec.maxStd));
  if (spec.unique) validators.push(uniqueValidator());
  if (spec.contains !== undefined) validators.push(containsValidator(spec.contains, true));
  if (spec.notContains !== undefined) validators.push(containsValidator(spec.notContains, false));
  if (spec.length) validators.push(lengthValidator(spec.length));
  if (spec.schema) validators.push(schemaValidator(spec.schema, builtinValidators, specProblems));
  if (spec.zod) validators.push(zodValidator(spec.zod));
  return validators;
}

/** How many values are bad, and the rows of the first few. */
function offending(values: ArrayLike<unknown>, isBad: (v: unknown) => boolean): { count: number; rows: number[] } {
  const rows: number[] = [];
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!isBad(values[i])) continue;
    count++;
    if (rows.length < EXAMPLES_KEPT) rows.push(i);
  }
  return { count, rows };
}

function isDataType(v: unknown, type: DataType): boolean {
  switch (type) {
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'date': return v instanceof Date;
    default: return typeof v === type;
  }
}

function dataTypeValidator(type: DataType): Validator {
  return {
    name: 'dataType',
    description: `every value is ${type === 'integer' ? 'an integer' : `a ${type}`}`,
    validate(value) {
      if (isTypedArray(value) && type === (isBigIntArray(value) ? 'bigint' : 'number')) {
        return { passed: true, message: `a ${value.constructor.name}`, figures: { storage: value.constructor.name } };
      }
      const values = valuesOf(value);
      const { count, rows: bad } = offending(values, (v) => v !== null && v !== undefined && !isDataType(v, type));
      return count === 0
        ? { passed: true, message: `all values are of type ${type}` }
        : { passed: false, message: `${count} of ${values.length} values are not of type ${type}`, figures: { count, firstRows: bad, firstValues: bad.map((i) => values[i]) } };
    },
  };
}

function rangeValidator(range: readonly [number, number], nanExempt: boolean): Validator {
  const [lo, hi] = range;
  const needs = { range };
  return {
    name: 'range',
    description: `values within [${lo}, ${hi}]${nanExempt ? ' (NaN allowed)' : ''}`,
    unsuitableFor: numericOnly,
    profileNeeds: needs,
    validate(value, context) {
      const p = context.numeric(valuesOf(value), needs);
      // NaN is no number to compare: it counts against the range unless allowNaN exempts it.
      const nans = nanExempt ? 0 : p.nanCount;
      const bad = p.outOfRange + nans + p.nonNumericCount;
      const figures = {
        outOfRange: p.outOfRange, nan: p.nanCount, count: p.count, min: p.min, max: p.max,
        firstRows: p.firstOutOfRange.map((o) => o.row), firstValues: p.firstOutOfRange.map((o) => o.value),
        ...(nans ? { firstNaNRows: p.firstNaNRows } : {}),
        ...(p.nonNumericCount ? { notNumbers: p.nonNumericCount, firstNotNumberRows: p.firstNonNumericRows } : {}),
      };
      const extremes = `(min ${fmtBeside(p.min, lo, hi)}, max ${fmtBeside(p.max, lo, hi)})`;
      if (bad === 0) return { passed: true, message: `${p.valid} values within [${lo}, ${hi}] ${extremes}`, figures };
      const parts = [`${p.outOfRange} of ${p.count} values outside [${lo}, ${hi}]`];
      if (nans) parts.push(`${nans} NaN`);
      if (p.nonNumericCount) parts.push(`${p.nonNumericCount} not numbers`);
      return { passed: false, message: `${parts.join(', ')} ${extremes}`, figures };
    },
  };
}

function noNaNValidator(): Validator {
  return {
    name: 'allowNaN',
    description: 'no NaN values',
    unsuitableFor: numericOnly,
    validate(value, context) {
      const p = context.numeric(valuesOf(value), {});
      return p.nanCount === 0
        ? { passed: true, message: 'no NaN values', figures: { nan: 0, count: p.count } }
        : { passed: false, message: `${p.nanCount} of ${p.count} values are NaN`, figures: { nan: p.nanCount, count: p.count, firstRows: p.firstNaNRows } };
    },
  };
}

function noNullValidator(): Validator {
  return {
    name: 'allowNull',
    description: 'no null or undefined values',
    validate(value) {
      const values = valuesOf(value);
      // A typed array cannot hold null.
      const { count, rows } = isTypedArray(values) ? { count: 0, rows: [] } : offending(values, (v) => v === null || v === undefined);
      return count === 0
        ? { passed: true, message: 'no null values', figures: { null: 0, count: values.length } }
        : { passed: false, message: `${count} of ${values.length} values are null`, figures: { null: count, count: values.length, firstRows: rows } };
    },
  };
}

function maxNaNFractionValidator(max: number): Validator {
  return {
    name: 'maxNaNFraction',
    description: `at most ${fmt(max * 100)}% NaN or null`,
    unsuitableFor: numericOnly,
    validate(value, context) {
      const p = context.numeric(valuesOf(value), {});
      const missing = p.nanCount + p.nullCount;
      // An empty column has no missing values.
      const fraction = p.count ? missing / p.count : 0;
      const figures = { fraction, missing, count: p.count, firstRows: [...p.firstNaNRows, ...p.firstNullRows].sort((a, b) => a - b).slice(0, EXAMPLES_KEPT) };
      const message = `${fmtBeside(fraction * 100, roundedFigure(max * 100))}% missing (${missing} of ${p.count}), at most ${fmt(max * 100)}% allowed`;
      return { passed: fraction <= max, message, figures };
    },
  };
}

function valuesInValidator(allowed: readonly (string | number | boolean)[]): Validator {
  const set = new Set<unknown>(allowed);
  return {
    name: 'values',
    description: `values in {${allowed.join(', ')}}`,
    validate(value) {
      const values = valuesOf(value);
      const notAllowed = new Map<unknown, number>();
      const rows: number[] = [];
      let count = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === undefined || set.has(v)) continue;
        count++;
        notAllowed.set(v, (notAllowed.get(v) ?? 0) + 1);
        if (rows.length < EXAMPLES_KEPT) rows.push(i);
      }
      const shown = [...notAllowed.keys()].slice(0, EXAMPLES_KEPT);
      return count === 0
        ? { passed: true, message: `all ${values.length} values allowed` }
        : { passed: false, message: `${count} of ${values.length} values not allowed: ${shown.map(shownValue).join(', ')}${notAllowed.size > shown.length ? ', …' : ''}`, figures: { count, notAllowed: shown, firstRows: rows } };
    },
  };
}

/** Values that are neither numbers nor missing fail a statistic's check, as they fail `range`: the statistic leaves them out, so it describes less than the column. */
function notNumbers(p: NumericProfile): { note: string; figures: Record<string, unknown> } {
  return p.nonNumericCount
    ? { note: `; ${p.nonNumericCount} of ${p.count} values not numbers`, figures: { notNumbers: p.nonNumericCount, firstNotNumberRows: p.firstNonNumericRows } }
    : { note: '', figures: {} };
}

function meanRangeValidator(range: readonly [number, number]): Validator {
  const [lo, hi] = range;
  const needs = { mean: true };
  return {
    name: 'meanRange',
    description: `mean within [${lo}, ${hi}]`,
    unsuitableFor: numericOnly,
    profileNeeds: needs,
    validate(value, context) {
      const p = context.numeric(valuesOf(value), needs);
      const other = notNumbers(p);
      // No values, no mean: an empty column cannot show its mean is in range.
      if (p.valid === 0) return { passed: false, message: `no values to average${other.note}`, figures: { mean: NaN, count: p.count, ...other.figures } };
      return {
        passed: p.mean >= lo && p.mean <= hi && p.nonNumericCount === 0,
        message: `mean ${fmtBeside(p.mean, lo, hi)}, expected within [${lo}, ${hi}]${other.note}`,
        figures: { mean: p.mean, count: p.valid, ...other.figures },
      };
    },
  };
}

function maxStdValidator(max: number): Validator {
  const needs = { std: true };
  return {
    name: 'maxStd',
    description: `standard deviation at most ${max}`,
    unsuitableFor: numericOnly,
    profileNeeds: needs,
    validate(value, context) {
      const p = context.numeric(valuesOf(value), needs);
      const other = notNumbers(p);
      if (p.valid < 2) return { passed: false, message: `${p.valid} value(s): no standard deviation${other.note}`, figures: { std: NaN, count: p.valid, ...other.figures } };
      return {
        passed: p.std <= max && p.nonNumericCount === 0,
        message: `standard deviation ${fmtBeside(p.std, max)}, at most ${max} allowed${other.note}`,
        figures: { std: p.std, mean: p.mean, count: p.valid, ...other.figures },
      };
    },
  };
}

/** Adds the key; false if it was there already. */
function added<T>(set: Set<T>, key: T): boolean {
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

function uniqueValidator(): Validator {
  return {
    name: 'unique',
    description: 'no value appears twice',
    unsuitableFor: uniqueUnsuitable,
    validate(value) {
      const values = valuesOf(value);
      const seen = new Set<unknown>();
      // A Set compares Dates by reference: two Dates of one instant are one value (as in pandas), kept apart from numbers.
      const seenTimes = new Set<number>();
      const repeated: unknown[] = [];
      const rows: number[] = [];
      let count = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v instanceof Date ? added(seenTimes, v.getTime()) : added(seen, v)) continue;
        count++;
        if (rows.length < EXAMPLES_KEPT) {
          rows.push(i);
          repeated.push(v);
        }
      }
      return count === 0
        ? { passed: true, message: `${values.length} distinct values` }
        : { passed: false, message: `${count} repeated values, first ${repeated.map(shownValue).join(', ')}`, figures: { repeated: count, firstRows: rows, firstValues: repeated } };
    },
  };
}

function stringCheck(name: string, description: string, ok: (s: string) => boolean, failure: (count: number, total: number) => string): Validator {
  return {
    name,
    description,
    unsuitableFor: stringsOnly,
    validate(value): Verdict {
      const values = valuesOf(value);
      const { count, rows } = offending(values, (v) => v !== null && v !== undefined && !(typeof v === 'string' && ok(v)));
      return count === 0
        ? { passed: true, message: `all ${values.length} values pass` }
        : { passed: false, message: failure(count, values.length), figures: { count, firstRows: rows, firstValues: rows.map((i) => values[i]) } };
    },
  };
}

function isNeedles(needles: unknown): boolean {
  return typeof needles === 'string' || (Array.isArray(needles) && needles.length > 0 && needles.every((n) => typeof n === 'string'));
}

/** `contains` / `notContains`: one string, or a list of which every one must be (or none may be) in each string. */
function containsValidator(needles: string | readonly string[], wanted: boolean): Validator {
  const list = typeof needles === 'string' ? [needles] : needles;
  const shown = list.map((n) => JSON.stringify(n)).join(', ');
  const several = list.length > 1;
  return wanted
    ? stringCheck('contains', `every string contains ${several ? 'all of ' : ''}${shown}`, (s) => list.every((n) => s.includes(n)), (c, n) => `${c} of ${n} values do not contain ${several ? 'all of ' : ''}${shown}`)
    : stringCheck('notContains', `no string contains ${several ? 'any of ' : ''}${shown}`, (s) => !list.some((n) => s.includes(n)), (c, n) => `${c} of ${n} values contain ${several ? 'one of ' : ''}${shown}`);
}

function lengthValidator([lo, hi]: readonly [number, number]): Validator {
  return stringCheck('length', `string lengths within [${lo}, ${hi}]`, (s) => s.length >= lo && s.length <= hi, (c, n) => `${c} of ${n} strings have a length outside [${lo}, ${hi}]`);
}

function zodValidator(schema: ZodLike): Validator {
  return {
    name: 'zod',
    description: 'matches the zod schema',
    validate(value) {
      const result = schema.safeParse(value);
      if (result.success) return { passed: true, message: 'matches the schema' };
      const issues = (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.') || '(value)'}: ${i.message}`);
      return { passed: false, message: `${issues.length} schema issue(s): ${issues.slice(0, EXAMPLES_KEPT).join('; ')}`, figures: { issues } };
    },
  };
}
