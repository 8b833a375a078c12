import * as aq from 'arquero';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connect, closeDuckDB } from '../runtime/io/adapters/builtin/duckdb-connection';
import { loadParquet, toParquet } from '../runtime/io/parquet';
import { requirePeer } from '../runtime/io/optional-peer';
import { tableColumns, type Table } from '../runtime/values/values';
import { fixed, markdownTable, median, runIfMain, verdict } from './timing';

/**
 * Parquet in and out at 10M rows (two float64, one string, one int32 column): hamilton-ts
 * (parquet-wasm, to and from an Arquero table) beside DuckDB reading the same file into its
 * own columns and writing them out, in the same run. Each read runs in a fresh process, so
 * its peak memory (max RSS over the process's own start) can be set beside the decoded size.
 * `node dist/bench/parquet-io.js [rows]`.
 */

const ROWS = Number(process.argv[2] ?? process.env.PARQUET_ROWS ?? 10_000_000);
const ROUNDS = Number(process.env.PARQUET_ROUNDS ?? 3);
const GOAL_RATIO = 1.5;
const GOAL_MEMORY = 1.5;

function makeTable(rows: number): Table {
  const price = new Float64Array(rows);
  const score = new Float64Array(rows);
  const count = new Int32Array(rows);
  const label = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    price[i] = (i * 7919) % 100_003 / 7;
    score[i] = Math.sin(i);
    count[i] = i % 1_000_000;
    label[i] = `segment-${i % 1000}`;
  }
  return aq.table({ price, score, label, count });
}

/** The table's size decoded as Arrow holds it: 8 + 8 + 4 bytes a row, and the strings' UTF-8 bytes with 4-byte offsets. */
function decodedBytes(table: Table): number {
  const labels = tableColumns(table).label as ArrayLike<string>;
  let text = 0;
  for (let i = 0; i < labels.length; i++) text += Buffer.byteLength(labels[i]);
  return table.numRows() * (8 + 8 + 4 + 4) + text;
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

async function duckdb(sql: string, params: unknown[] = []): Promise<number> {
  const connection = await connect(':memory:');
  try {
    const started = performance.now();
    await connection.run(sql, params);
    return performance.now() - started;
  } finally {
    connection.closeSync();
  }
}

/** One read in this process (the child's side): time and peak RSS over the process's RSS before reading. */
async function readOnce(engine: string, file: string): Promise<void> {
  // Load each engine first (WebAssembly compiled, DuckDB's library and instance up): the read alone is measured.
  if (engine === 'hamilton-ts') requirePeer('parquet-wasm', 'the benchmark');
  else await duckdb('SELECT 1');
  const before = process.memoryUsage().rss;
  const started = performance.now();
  if (engine === 'hamilton-ts') {
    const { table } = await loadParquet(file);
    if (table.numRows() !== ROWS) throw new Error('short read');
    kept.push(table);
  } else {
    await duckdb('CREATE TABLE t AS SELECT * FROM read_parquet($1)', [file]);
  }
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  // What the read keeps once its garbage is collected (the table is still held by the closure above for hamilton-ts).
  (globalThis as { gc?: () => void }).gc?.();
  const retained = process.memoryUsage().rss;
  console.log(JSON.stringify({ ms, before, peak, retained, keep: kept.length }));
}

const kept: unknown[] = [];

function readInChild(engine: string, file: string): { ms: number; before: number; peak: number; retained: number } {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, String(ROWS), '--read', engine, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${engine} read failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-bench-parquet-'));
  try {
    const table = makeTable(ROWS);
    const decoded = decodedBytes(table);
    const ours = path.join(dir, 'ours.parquet');
    const theirs = path.join(dir, 'duckdb.parquet');
    // DuckDB writes from its own columns: load them once, outside the timing.
    fs.writeFileSync(ours, toParquet(table));
    await duckdb('CREATE TABLE src AS SELECT * FROM read_parquet($1)', [ours]);

    const write: number[][] = [[], []];
    const read: { ms: number; before: number; peak: number; retained: number }[][] = [[], []];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      fs.writeFileSync(ours, toParquet(table));
      write[0].push(performance.now() - started);
      // COPY takes its target as a literal: the benchmark's own temporary path.
      write[1].push(await duckdb(`COPY src TO '${theirs.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION snappy)`));
      read[0].push(readInChild('hamilton-ts', theirs));
      read[1].push(readInChild('duckdb', theirs));
    }
    await closeDuckDB();
    const ms = (xs: number[]) => median(xs);
    const readMs = read.map((r) => median(r.map((x) => x.ms)));
    const growth = read.map((r) => median(r.map((x) => x.peak - x.before)));
    const retained = read.map((r) => median(r.map((x) => x.retained - x.before)));
    const writeMs = write.map(ms);
    const size = fs.statSync(theirs).size;
    return [
      `### Parquet I/O: ${ROWS.toLocaleString('en-US')} rows (2 × float64, 1 string, 1 int32)`,
      '',
      markdownTable(['measure', 'hamilton-ts (parquet-wasm ↔ Arquero)', 'DuckDB (its own columns)', 'ratio', `goal ≤ ${GOAL_RATIO}×`], [
        ['write a Parquet file (snappy)', `${fixed(writeMs[0], 0)} ms`, `${fixed(writeMs[1], 0)} ms`, fixed(writeMs[0] / writeMs[1]), verdict(writeMs[0] / writeMs[1] <= GOAL_RATIO)],
        ['read the DuckDB-written file', `${fixed(readMs[0], 0)} ms`, `${fixed(readMs[1], 0)} ms`, fixed(readMs[0] / readMs[1]), verdict(readMs[0] / readMs[1] <= GOAL_RATIO)],
        ['peak memory of the read (max RSS over the RSS before it)', `${mb(growth[0])} MiB`, `${mb(growth[1])} MiB`, fixed(growth[0] / growth[1]), '—'],
        ['memory kept by the result, after a collection', `${mb(retained[0])} MiB`, `${mb(retained[1])} MiB`, fixed(retained[0] / retained[1]), '—'],
      ]),
      '',
      `Decoded size (Arrow layout): ${mb(decoded)} MiB; file: ${mb(size)} MiB. hamilton-ts read peak / decoded: `
      + `${fixed(growth[0] / decoded)}× (goal ≤ ${GOAL_MEMORY}× ${verdict(growth[0] / decoded <= GOAL_MEMORY)}), kept / decoded ${fixed(retained[0] / decoded)}×; `
      + `DuckDB: peak ${fixed(growth[1] / decoded)}×, kept ${fixed(retained[1] / decoded)}×. `
      + `Medians of ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}, each read in a fresh process; DuckDB with its default threads (${os.cpus().length} cores); `
      + `load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} at the end (the machine is shared).`,
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[3] === '--read') {
  readOnce(process.argv[4], process.argv[5]).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  runIfMain(module, main);
}
