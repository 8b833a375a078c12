import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toParquet } from '../../parquet';
import type { Table } from '../../../values/values';
import { LoadError, SaveError } from '../adapter-errors';
import type { AdapterContext, DataLoader, DataSaver } from '../data-adapter';
import { temporaryPath } from '../file-access';
import { tableSummary } from '../table-summary';
import { connect, IN_MEMORY, quoteIdentifier, type DuckDBConnection, type DuckDBReader } from './duckdb-connection';

/** Values bound to a query's `$1, $2, …` (an array) or `$name` (an object) parameters. */
export type SqlParameters = unknown[] | Record<string, unknown>;

export interface DuckDBLoadOptions {
  /** The SQL query; data values go in `params`, never into the text. Reads tables, and files: `SELECT * FROM read_parquet($1)`. */
  query: string;
  /** Values bound to the query's parameters (default none). */
  params?: SqlParameters;
  /** A database file, or `':memory:'` (default): the process's in-memory database. */
  database?: string;
}

/** How a saver treats a table that exists: refuse (`create`), drop and recreate (`replace`) or add rows (`append`, columns by name). */
export type DuckDBSaveMode = 'create' | 'replace' | 'append';

export interface DuckDBSaveOptions {
  /** The database table written: `name`, or `schema.name` (a dot separates the parts; names match case-insensitively, as in DuckDB). */
  table: string;
  /** A database file (created, with its directory, when missing), or `':memory:'` (default). */
  database?: string;
  /** Default `'create'`. */
  mode?: DuckDBSaveMode;
}

const MODES: readonly DuckDBSaveMode[] = ['create', 'replace', 'append'];

// DuckDB type ids whose JS values fit a typed array when no value is null.
const FLOAT64 = new Set([10, 11]); // FLOAT, DOUBLE
const INT32 = new Set([2, 3, 4, 6, 7]); // TINYINT, SMALLINT, INTEGER, UTINYINT, USMALLINT
const INT64 = new Set([5]); // BIGINT

/** A result's columns as a table: numbers without nulls in typed arrays, BIGINT as BigInt (as Parquet and Arrow files read). */
function resultTable(reader: DuckDBReader): Table {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumnsJS();
  return aq.table(new Map(names.map((name, i): [string, ArrayLike<unknown>] => {
    // A result without rows has no chunk: no column values at all.
    const values = columns[i] ?? [];
    const id = types[i].typeId;
    const complete = !values.includes(null);
    if (complete && FLOAT64.has(id)) return [name, Float64Array.from(values as number[])];
    if (complete && INT32.has(id)) return [name, Int32Array.from(values as number[])];
    if (complete && INT64.has(id)) return [name, BigInt64Array.from(values as bigint[])];
    return [name, values];
  })), names);
}

const location = (database: string | undefined, what: string): string => `${database ?? IN_MEMORY}: ${what}`;

async function withConnection<T>(database: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await connect(database);
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
  }
}

/** A SQL query's result as a table, on embedded DuckDB (Hamilton's `sql` loaders, without a server). */
export const duckdbLoader: DataLoader<DuckDBLoadOptions, Table> = {
  name: 'duckdb',
  appliesTo: ['table'],
  defaults: { params: undefined, database: IN_MEMORY },
  required: ['query'],
  description: 'a SQL query on embedded DuckDB (optional peer: @duckdb/node-api)',
  location: ({ database, query }) => location(database, query),
  checkOptions: ({ query, params }) => {
    if (query !== undefined && (typeof query !== 'string' || query.trim() === '')) return ['query', 'must be SQL text'];
    if (params !== undefined && (typeof params !== 'object' || params === null)) return ['params', 'must be an array (for $1, $2, …) or an object (for $name)'];
    return undefined;
  },
  load: async ({ query, params, database = IN_MEMORY }, context) => {
    // DuckDB would create a missing database file: for a loader that is a typo, not an empty database.
    if (database !== IN_MEMORY && !fs.existsSync(database)) throw new LoadError('duckdb', database, 'no such file', context.node);
    const reader = await withConnection(database, async (connection) => {
      try {
        return await connection.runAndReadAll(query, params as SqlParameters | undefined);
      } catch (error) {
        throw new LoadError('duckdb', location(database, query), (error as Error).message, context.node, { cause: error });
      }
    });
    const table = resultTable(reader);
    return [table, { path: database, ...tableSummary(table), details: { query } }];
  },
};

/** `schema.table` (or `catalog.schema.table`) as its quoted parts: each part an identifier of its own. */
const tableParts = (table: string): string[] => table.split('.');
const qualifiedName = (table: string): string => tableParts(table).map(quoteIdentifier).join('.');

/**
 * Writes the rows. DuckDB itself resolves the name (case-insensitively, in the schema named or
 * the current one), so the saver never decides on its own whether a table exists.
 */
async function insert(connection: DuckDBConnection, table: string, mode: DuckDBSaveMode, source: string, context: AdapterContext, database: string): Promise<void> {
  const name = qualifiedName(table);
  // The rows arrive as a Parquet file, whose path is a bound parameter like any value.
  const select = 'SELECT * FROM read_parquet($1)';
  if (mode === 'replace') {
    await connection.run(`CREATE OR REPLACE TABLE ${name} AS ${select}`, [source]);
  } else if (mode === 'append') {
    await connection.run(`CREATE TABLE IF NOT EXISTS ${name} AS ${select} LIMIT 0`, [source]);
    await connection.run(`INSERT INTO ${name} BY NAME ${select}`, [source]);
  } else {
    try {
      await connection.run(`CREATE TABLE ${name} AS ${select}`, [source]);
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error;
      throw new SaveError('duckdb', location(database, table), `table '${table}' already exists; pass mode: 'replace' to replace it or 'append' to add rows`, context.node, { cause: error });
    }
  }
}

/**
 * A table into a DuckDB database table, in one transaction: a failure leaves the database
 * table as it was. The rows go through a temporary Parquet file, so types survive as they are.
 */
export const duckdbSaver: DataSaver<DuckDBSaveOptions, Table> = {
  name: 'duckdb',
  appliesTo: ['table'],
  defaults: { database: IN_MEMORY, mode: 'create' },
  required: ['table'],
  description: 'a table into an embedded DuckDB database (optional peer: @duckdb/node-api)',
  location: ({ database, table }) => location(database, table),
  checkOptions: ({ table, mode }) => {
    if (table !== undefined && (typeof table !== 'string' || tableParts(table).some((part) => part === '') || tableParts(table).length > 3)) {
      return ['table', 'must be a table name, or schema.table'];
    }
    if (mode !== undefined && !MODES.includes(mode)) return ['mode', `must be one of ${MODES.join(', ')}, not ${JSON.stringify(mode)}`];
    return undefined;
  },
  save: async (value, { table, database = IN_MEMORY, mode = 'create' }, context) => {
    const source = temporaryPath(path.join(os.tmpdir(), 'hamilton-duckdb.parquet'));
    fs.writeFileSync(source, toParquet(value));
    try {
      await withConnection(database, async (connection) => {
        await connection.run('BEGIN TRANSACTION');
        try {
          await insert(connection, table, mode, source, context, database);
          await connection.run('COMMIT');
        } catch (error) {
          await connection.run('ROLLBACK');
          if (error instanceof SaveError) throw error;
          throw new SaveError('duckdb', location(database, table), (error as Error).message, context.node, { cause: error });
        }
      });
    } finally {
      fs.rmSync(source, { force: true });
    }
    return { path: database, ...tableSummary(value), details: { table, mode } };
  },
};
