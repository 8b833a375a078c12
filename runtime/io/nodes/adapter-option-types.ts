import type { ArrowLoadOptions, ArrowSaveOptions } from '../adapters/builtin/arrow';
import type { CsvLoadOptions, CsvSaveOptions } from '../adapters/builtin/csv';
import type { DuckDBLoadOptions, DuckDBSaveOptions } from '../adapters/builtin/duckdb';
import type { EnvironmentOptions } from '../adapters/builtin/environment';
import type { JsonLoadOptions, JsonSaveOptions } from '../adapters/builtin/json';
import type { LiteralOptions } from '../adapters/builtin/literal';
import type { MemoryOptions } from '../adapters/builtin/memory';
import type { ParquetLoadOptions, ParquetSaveOptions } from '../adapters/builtin/parquet';
import type { BindableOptions } from './adapter-bindings';

/**
 * The options of each built-in loader, by name: `@loadFrom.<name>` and
 * `from.<name>` take these (each bindable), so editors complete and check
 * them. Any other registered name is accepted too, untyped, and checked
 * against the adapter when the graph is built.
 */
export interface LoaderOptionTypes {
  csv: CsvLoadOptions;
  json: JsonLoadOptions;
  arrow: ArrowLoadOptions;
  feather: ArrowLoadOptions;
  parquet: ParquetLoadOptions;
  duckdb: DuckDBLoadOptions;
  literal: LiteralOptions;
  memory: MemoryOptions;
  environment: EnvironmentOptions;
}

/** The options of each built-in saver, by name (see LoaderOptionTypes). */
export interface SaverOptionTypes {
  csv: CsvSaveOptions;
  json: JsonSaveOptions;
  arrow: ArrowSaveOptions;
  feather: ArrowSaveOptions;
  parquet: ParquetSaveOptions;
  duckdb: DuckDBSaveOptions;
  memory: MemoryOptions;
}

/** A known adapter's options, bindable, with the surface's own fields (`injectTo`, `outputName`, `target`, `id` …). */
export type SurfaceOptions<Options, Own> = BindableOptions<Options> & Own;
