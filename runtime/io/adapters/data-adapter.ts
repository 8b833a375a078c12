import type { TypeDescriptor } from '../../contract/type-descriptor';

/**
 * The kinds of value an adapter reads or writes, as TypeDescriptor kinds
 * (`'table'`, `'column'`, `'record'`, …), or `'any'` for a value of any kind.
 */
export type AdapterValueKind = TypeDescriptor['kind'] | 'any';

/** What a surface tells an adapter about where it runs; every field optional, so an adapter also runs alone. */
export interface AdapterContext {
  /** The loader or saver node running the adapter (`@loadFrom`, `materialize`), named in errors. */
  node?: string;
  /**
   * The type the consumer declares for the loaded value (or the saver's input), e.g.
   * `Table<{ spend: number }>`: a table's declared columns are checked against what was read.
   */
  expected?: TypeDescriptor;
}

/** A column as metadata reports it: its name and its type (an Arrow type name such as `float64`, `utf8`, `int32`). */
export interface ColumnSummary {
  name: string;
  type: string;
}

/**
 * What a loader or saver reports about one read or write (Hamilton's metadata dict): where,
 * how much, how long. Adapter-specific facts (a SQL query, a database table) go in `details`.
 */
export interface AdapterMetadata {
  /** The adapter's registered name. */
  adapter: string;
  /** The file or database read or written, when there is one. */
  path?: string;
  rows?: number;
  columns?: ColumnSummary[];
  /** Bytes read from or written to `path`. */
  bytes?: number;
  /** Milliseconds the load or save took. */
  ms: number;
  details?: Record<string, unknown>;
}

export type LoadMetadata = AdapterMetadata;
export type SaveMetadata = AdapterMetadata;

/** What an adapter itself reports: `adapter` and `ms` are filled by runLoader / runSaver when it leaves them out. */
export type AdapterFacts = Omit<AdapterMetadata, 'adapter' | 'ms'> & Partial<Pick<AdapterMetadata, 'adapter' | 'ms'>>;

/** What every adapter declares: its name, what it applies to, and its options. */
export interface AdapterDefinition<Options extends object> {
  /** The name surfaces use: `@loadFrom.csv(...)`, `to.parquet(...)`. A JavaScript identifier. */
  readonly name: string;
  /** The kinds of value it reads or writes (Hamilton's `applicable_types`). */
  readonly appliesTo: readonly AdapterValueKind[];
  /** Every optional option with its default: together with `required`, the options it takes, checked by name. */
  readonly defaults: { readonly [K in keyof Options]?: Options[K] };
  /** The options that have no default and must be given (a path, a query). */
  readonly required: readonly (keyof Options & string)[];
  /** One line on what it does, for listings and errors. */
  readonly description?: string;
  /**
   * Checks option values before any data moves (at graph build when a surface has them):
   * returns what is wrong with an option as [option, problem], or undefined.
   */
  checkOptions?(options: Partial<Options>): [option: keyof Options & string, problem: string] | undefined;
  /** Where it reads or writes with these options (a path, a database table), as errors name it; default `options.path`. */
  location?(options: Options): string;
}

/**
 * Reads a value from a source: a file, a database, the environment (Hamilton's `DataLoader`).
 * Registered by name in the adapter registry; `@loadFrom.<name>` and `from.<name>` run it as a node.
 * Implementations: csv, json, arrow, feather, parquet, duckdb, literal, memory, environment.
 */
export interface DataLoader<Options extends object = Record<string, unknown>, Value = unknown> extends AdapterDefinition<Options> {
  /** Reads the value with options merged over `defaults`; returns it with what was read. */
  load(options: Options, context: AdapterContext): [Value, AdapterFacts] | Promise<[Value, AdapterFacts]>;
}

/**
 * Writes a value to a destination (Hamilton's `DataSaver`). File savers write to a temporary
 * file beside the target and rename it, so a failed save never leaves a half-written file.
 * Implementations: csv, json, arrow, feather, parquet, duckdb, memory.
 */
export interface DataSaver<Options extends object = Record<string, unknown>, Value = unknown> extends AdapterDefinition<Options> {
  save(value: Value, options: Options, context: AdapterContext): AdapterFacts | Promise<AdapterFacts>;
}

/** Either kind of adapter, as registry errors name it. */
export type AdapterRole = 'loader' | 'saver';
