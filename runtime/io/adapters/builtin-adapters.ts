import type { DataLoader, DataSaver } from './data-adapter';
import { arrowFileLoader, arrowFileSaver, featherLoader, featherSaver } from './builtin/arrow';
import { csvLoader, csvSaver } from './builtin/csv';
import { duckdbLoader, duckdbSaver } from './builtin/duckdb';
import { environmentLoader } from './builtin/environment';
import { jsonLoader, jsonSaver } from './builtin/json';
import { literalLoader } from './builtin/literal';
import { memoryLoader, memorySaver } from './builtin/memory';
import { parquetLoader, parquetSaver } from './builtin/parquet';

/**
 * The loaders registered when hamilton-ts loads; users may replace one with `{ override: true }`.
 * parquet and duckdb load their optional packages on first use, not here.
 */
export const BUILTIN_LOADERS: readonly DataLoader<any, any>[] = [
  csvLoader, jsonLoader, arrowFileLoader, featherLoader, parquetLoader, duckdbLoader, literalLoader, memoryLoader, environmentLoader,
];

/** The savers registered when hamilton-ts loads. */
export const BUILTIN_SAVERS: readonly DataSaver<any, any>[] = [csvSaver, jsonSaver, arrowFileSaver, featherSaver, parquetSaver, duckdbSaver, memorySaver];
