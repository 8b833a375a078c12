import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireCachePeer } from './cache-peers';

/** One stored result's facts, as `hamilton-ts cache ls` lists them. */
export interface CacheEntry {
  cacheKey: string;
  node: string;
  codeVersion: string;
  dataVersion: string;
  runId: string;
  createdAt: string;
}

interface Statement {
  get(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  run(...args: unknown[]): unknown;
}
interface Database {
  pragma(text: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}
type DatabaseConstructor = new (file: string, options?: { timeout?: number }) => Database;

export const METADATA_FILE = 'metadata.sqlite';

/**
 * Cache key → data version, in SQLite (Hamilton's `SQLiteMetadataStore`),
 * `better-sqlite3` loaded on first use. WAL journal and a busy timeout let
 * several processes read and write one cache directory at once; each write is
 * one statement, so a reader sees a row whole or not at all.
 */
export class MetadataStore {
  private readonly db: Database;
  private readonly getStatement: Statement;
  private readonly setStatement: Statement;

  constructor(readonly directory: string) {
    fs.mkdirSync(directory, { recursive: true });
    const Sqlite = requireCachePeer<DatabaseConstructor>('better-sqlite3');
    this.db = new Sqlite(path.join(directory, METADATA_FILE), { timeout: 10_000 });
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    // A cache may lose its last writes on a power cut, but never its consistency: no fsync per result.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS cache_metadata (
      cache_key TEXT PRIMARY KEY, node_name TEXT NOT NULL, code_version TEXT NOT NULL,
      data_version TEXT NOT NULL, run_id TEXT NOT NULL, created_at TEXT NOT NULL)`);
    this.getStatement = this.db.prepare('SELECT data_version FROM cache_metadata WHERE cache_key = ?');
    this.setStatement = this.db.prepare(`INSERT OR REPLACE INTO cache_metadata
      (cache_key, node_name, code_version, data_version, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  }

  /** The data version stored under the key, if any. */
  get(cacheKey: string): string | undefined {
    return (this.getStatement.get(cacheKey) as { data_version: string } | undefined)?.data_version;
  }

  set(entry: Omit<CacheEntry, 'createdAt'>): void {
    this.setStatement.run(entry.cacheKey, entry.node, entry.codeVersion, entry.dataVersion, entry.runId, new Date().toISOString());
  }

  /** Every entry, newest first; or those of the named nodes. */
  entries(nodes?: readonly string[]): CacheEntry[] {
    const rows = this.db.prepare(`SELECT cache_key AS cacheKey, node_name AS node, code_version AS codeVersion,
      data_version AS dataVersion, run_id AS runId, created_at AS createdAt FROM cache_metadata ORDER BY created_at DESC, node_name`).all() as CacheEntry[];
    return nodes ? rows.filter((row) => nodes.includes(row.node)) : rows;
  }

  /** Removes the entries of the named nodes (all when none are named); returns the data versions they held. */
  delete(nodes?: readonly string[]): string[] {
    const removed = this.entries(nodes);
    const remove = this.db.prepare('DELETE FROM cache_metadata WHERE cache_key = ?');
    for (const entry of removed) remove.run(entry.cacheKey);
    return removed.map((entry) => entry.dataVersion);
  }

  /** Data versions some entry still points to. */
  liveVersions(): Set<string> {
    return new Set((this.db.prepare('SELECT DISTINCT data_version FROM cache_metadata').all() as { data_version: string }[]).map((r) => r.data_version));
  }

  close(): void {
    this.db.close();
  }
}
