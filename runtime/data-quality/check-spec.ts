/**
 * What `@checkOutput({...})` accepts: the built-in checks and table schemas, as plain data.
 * builtin-validators.ts turns a spec into validators; table-schema.ts checks a table column by column.
 */
export type DataType = 'number' | 'integer' | 'string' | 'boolean' | 'bigint' | 'date';

/** Anything with zod's `safeParse`: a zod schema (v3 or v4) for records and objects. */
export interface ZodLike {
  safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** The built-in checks of `@checkOutput({...})`. Bounds are inclusive. */
export interface CheckSpec {
  /** The type of a scalar, or of every element of a column. */
  dataType?: DataType;
  range?: readonly [number, number];
  /** NaN present: pass (and NaN is exempt from `range`) or fail. Unset: NaN is not checked. */
  allowNaN?: boolean;
  /** null/undefined present: pass or fail. Unset: not checked. */
  allowNull?: boolean;
  /** At most this fraction of values may be NaN or null. */
  maxNaNFraction?: number;
  /** Every value must be one of these. */
  values?: readonly (string | number | boolean)[];
  meanRange?: readonly [number, number];
  /** The sample standard deviation may be at most this. */
  maxStd?: number;
  /** No value appears twice. */
  unique?: boolean;
  /** Every string contains this, or every one of these (Hamilton's `contains`). */
  contains?: string | readonly string[];
  /** No string contains this, nor any one of these (Hamilton's `does_not_contain`). */
  notContains?: string | readonly string[];
  /** Bounds on each string's length. */
  length?: readonly [number, number];
  /** For a table: its columns, their types, whether each is required, and checks per column. */
  schema?: TableSchema;
  /** For a record or object: a zod schema it must satisfy. */
  zod?: ZodLike;
}

export interface ColumnSchema {
  /** The type of every non-null value in the column. */
  type?: DataType;
  /** Must the column be there? Default true. */
  required?: boolean;
  /** The checks of `@checkOutput` for this column (range, allowNaN, values, …). */
  checks?: CheckSpec;
}

export interface TableSchema {
  columns: Readonly<Record<string, ColumnSchema>>;
  /** May the table have columns the schema does not name? Default true. */
  allowExtraColumns?: boolean;
}
