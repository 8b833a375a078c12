import * as fs from 'fs';
import * as path from 'path';
import { requirePeer } from '../../optional-peer';

/** The part of @duckdb/node-api used here. */
export interface DuckDBApi {
  DuckDBInstance: { create(path?: string, options?: Record<string, string>): Promise<DuckDBInstance> };
}
export interface DuckDBInstance {
  connect(): Promise<DuckDBConnection>;
  closeSync(): void;
}
export interface DuckDBConnection {
  run(sql: string, values?: unknown[] | Record<string, unknown>): Promise<unknown>;
  runAndReadAll(sql: string, values?: unknown[] | Record<string, unknown>): Promise<DuckDBReader>;
  closeSync(): void;
}
export interface DuckDBReader {
  columnNames(): string[];
  columnTypes(): { typeId: number; toString(): string }[];
  getColumnsJS(): unknown[][];
}

/** The in-process database: shared by every duckdb loader and saver of the process, gone when it exits. */
export const IN_MEMORY = ':memory:';

const FEATURE = 'the duckdb loader and saver';
const INSTANCES = new Map<string, Promise<DuckDBInstance>>();

/** The key of a database: its absolute path, so that `a.duckdb` and `./a.duckdb` are one database. */
const keyOf = (database: string): string => (database === IN_MEMORY ? IN_MEMORY : path.resolve(database));

/**
 * A connection to an embedded DuckDB database, `:memory:` or a file (its directory is
 * created when missing). One instance per database and process, opened on first use: a
 * database file admits one writing process, and the in-memory one is shared by the
 * savers and loaders of a run. @duckdb/node-api is loaded only here.
 */
export async function connect(database: string): Promise<DuckDBConnection> {
  const key = keyOf(database);
  let instance = INSTANCES.get(key);
  if (!instance) {
    const duckdb = requirePeer<DuckDBApi>('@duckdb/node-api', FEATURE);
    if (key !== IN_MEMORY) fs.mkdirSync(path.dirname(key), { recursive: true });
    instance = duckdb.DuckDBInstance.create(key);
    INSTANCES.set(key, instance);
    instance.catch(() => INSTANCES.delete(key));
  }
  return (await instance).connect();
}

/** Closes the DuckDB databases the duckdb adapters opened (all, or one), releasing their files. */
export async function closeDuckDB(database?: string): Promise<void> {
  const keys = database === undefined ? [...INSTANCES.keys()] : [keyOf(database)];
  for (const key of keys) {
    const instance = INSTANCES.get(key);
    INSTANCES.delete(key);
    if (instance) (await instance.catch(() => undefined))?.closeSync();
  }
}

/** An SQL identifier quoted (a table name cannot be a bound parameter): `"my ""odd"" table"`. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
