import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Builder, dataflow, RecordResult, type Column } from 'hamilton-ts';
import { METADATA_FILE } from '../../runtime/cache/metadata-store';
import { decisions, tempCacheDir, warnings } from './temp-cache';

jest.setTimeout(120_000);

const ROOT = nodePath.resolve(__dirname, '../..');
const CLI = nodePath.join(ROOT, 'dist/runtime/cli/main.js');
const DRIVER = nodePath.join(ROOT, 'dist/test/fixtures/cache/shared-directory-driver.js');

function runProcess(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('one cache directory, several processes', () => {
  test('three processes running one dataflow at once never corrupt it nor read a half-written result', async () => {
    const path = tempCacheDir();
    const runs = await Promise.all([0, 1, 2].map(() => runProcess(DRIVER, [path, '6', '300000'])));
    for (const run of runs) {
      expect(run.stderr).toBe(''); // no unusable result, no database error
      expect(run.code).toBe(0); // and every value read back equals the uncached one
      expect(run.stdout.trim().split('\n')).toHaveLength(6);
    }
    // Rounds 3-5 repeat the seeds of rounds 0-2: by then every process reads what some process wrote.
    const later = runs.flatMap((run) => run.stdout.trim().split('\n').slice(3).map((line) => JSON.parse(line) as string[]));
    expect(later.every((d) => d.every((decision) => decision === 'hit'))).toBe(true);
    const Sqlite = require('better-sqlite3') as new (file: string) => { pragma(s: string): unknown; close(): void };
    const db = new Sqlite(nodePath.join(path, METADATA_FILE));
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });
});

let release: () => void = () => undefined;
const calls: string[] = [];

@dataflow()
class Gated {
  first(x: Column<number>): Column<number> {
    calls.push('first');
    return Float64Array.from(x, (v) => v + 1);
  }

  async gate(first: Column<number>): Promise<Column<number>> {
    calls.push('gate');
    await new Promise<void>((resolve) => { release = resolve; });
    return Float64Array.from(first, (v) => v * 2);
  }

  after(gate: Column<number>): number {
    calls.push('after');
    return gate.reduce((a: number, b: number) => a + b, 0);
  }
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};
const cli = (args: string[]) => new Promise<string>((resolve, reject) => {
  execFile(process.execPath, [CLI, ...args], { cwd: ROOT }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
});

describe('clearing the cache mid-run', () => {
  test.each([
    ['hamilton-ts cache clear', (path: string) => cli(['cache', 'clear', '--path', path])],
    ['removing the directory', async (path: string) => fs.rmSync(path, { recursive: true, force: true })],
  ])('%s while a run is under way is survived: right values, and later runs cache again', async (_how, clear) => {
    const path = tempCacheDir();
    const inputs = { x: Float64Array.of(1, 2) };
    const log = warnings();
    const dr = new Builder().withModules(Gated).withResultBuilder(new RecordResult()).withCache({ path, recompute: ['gate'], warn: log.warn }).build();
    const first = dr.execute(['after'], { inputs });
    await until(() => calls.includes('gate'));
    release();
    expect((await first).after).toBe(10);
    calls.length = 0;
    const second = dr.execute(['after'], { inputs });
    await until(() => calls.includes('gate'));
    await clear(path);
    release();
    expect((await second).after).toBe(10);
    expect(decisions(dr)).toEqual({ first: 'hit', gate: 'recompute', after: 'miss' });
    calls.length = 0;
    const third = dr.execute(['after'], { inputs });
    await until(() => calls.includes('gate'));
    release();
    expect((await third).after).toBe(10);
    calls.length = 0;
    const fourth = dr.execute(['after'], { inputs });
    await until(() => calls.includes('gate'));
    release();
    await fourth;
    expect(decisions(dr)).toEqual({ first: 'hit', gate: 'recompute', after: 'hit' });
  });
});
