export type {
  AdapterContext, AdapterDefinition, AdapterFacts, AdapterMetadata, AdapterRole, AdapterValueKind, ColumnSummary,
  DataLoader, DataSaver, LoadMetadata, SaveMetadata,
} from './data-adapter';
export {
  registerLoader, registerSaver, unregisterLoader, unregisterSaver, getLoader, getSaver, hasLoader, hasSaver,
  loaderNames, saverNames, type RegisterOptions,
} from './adapter-registry';
export { resolveOptions, optionNames } from './adapter-options';
export { runLoader, runSaver, handlesValue, adapterLocation } from './run-adapter';
export { schemaMismatch, type SchemaMismatch } from './table-schema';
export { tableSummary, columnType } from './table-summary';
export { readSource, writeAtomically } from './file-access';
export { memoryStore, type MemoryOptions } from './builtin/memory';
export type { LiteralOptions } from './builtin/literal';
export type { EnvironmentOptions, EnvironmentParse } from './builtin/environment';
export {
  AdapterDefinitionError, AdapterOptionError, AdapterValueError, ColumnTypeError, DuplicateAdapterError, LoadError, SaveError, UnknownAdapterError,
} from './adapter-errors';
export type { CsvLoadOptions, CsvSaveOptions } from './builtin/csv';
export type { JsonLoadOptions, JsonSaveOptions, JsonOrient } from './builtin/json';
export type { ArrowLoadOptions, ArrowSaveOptions, ArrowFormat } from './builtin/arrow';
export type { ParquetLoadOptions, ParquetSaveOptions } from './builtin/parquet';
export type { DuckDBLoadOptions, DuckDBSaveOptions, DuckDBSaveMode, SqlParameters } from './builtin/duckdb';
export { closeDuckDB } from './builtin/duckdb-connection';
