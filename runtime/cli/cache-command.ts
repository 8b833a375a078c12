import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { CACHE_DEFAULTS } from '../cache/cache-options';
import { clearCache } from '../cache/driver-cache';
import { METADATA_FILE, MetadataStore } from '../cache/metadata-store';
import { ResultStore } from '../cache/result-store';
import { append } from './options';
import { usageHint } from './report-error';

interface CacheCommandOptions {
  path: string;
  node?: string[];
  json?: boolean;
}

/** The cache's stores, or undefined when the directory holds no cache (nothing is created to list it). */
function openCache(directory: string): { metadata: MetadataStore; results: ResultStore } | undefined {
  if (!fs.existsSync(path.join(directory, METADATA_FILE))) return undefined;
  return { metadata: new MetadataStore(directory), results: new ResultStore(directory) };
}

const nodesOf = (options: CacheCommandOptions) => options.node?.flatMap((n) => n.split(',')).filter(Boolean);

/** `hamilton-ts cache ls`: one line per stored result, newest first. */
function listCache(options: CacheCommandOptions): void {
  const stores = openCache(options.path);
  const entries = stores?.metadata.entries(nodesOf(options)) ?? [];
  const rows = entries.map((e) => ({ ...e, bytes: stores!.results.sizeOf(e.dataVersion) ?? null }));
  stores?.metadata.close();
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (!stores) {
    process.stdout.write(`no cache at ${options.path}\n`);
    return;
  }
  const table = [['node', 'data version', 'cache key', 'bytes', 'created', 'run'],
    ...rows.map((r) => [r.node, r.dataVersion, r.cacheKey.slice(0, 16), r.bytes === null ? 'missing' : String(r.bytes), r.createdAt, r.runId])];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()}\n`);
  process.stdout.write(`${rows.length} stored result(s) in ${options.path}\n`);
}

/** `hamilton-ts cache clear`: forgets stored results (all, or the --node ones), safe while runs use the cache. */
function clearCommand(options: CacheCommandOptions): void {
  const stores = openCache(options.path);
  if (!stores) {
    process.stdout.write(`no cache at ${options.path}\n`);
    return;
  }
  const removed = clearCache(stores, nodesOf(options));
  stores.metadata.close();
  process.stdout.write(`cleared ${removed} stored result(s) from ${options.path}\n`);
}

/** Adds `hamilton-ts cache ls | clear` to the program. */
export function registerCacheCommand(program: Command): Command {
  const cache = program.command('cache').description('list or clear the results Builder.withCache() stored');
  const common = (command: Command) => command
    .option('--path <dir>', 'the cache directory (withCache\'s path)', CACHE_DEFAULTS.path)
    .option('--node <names>', 'only these nodes (comma-separated; repeatable)', append)
    .showHelpAfterError(usageHint(`cache ${command.name()}`));
  common(cache.command('ls').description('list stored results: node, data version, key, size, when, which run'))
    .option('--json', 'print the entries as JSON')
    .action((options: CacheCommandOptions) => listCache(options));
  common(cache.command('clear').description('forget stored results and delete their files (all, or --node ones)'))
    .action((options: CacheCommandOptions) => clearCommand(options));
  return cache;
}
