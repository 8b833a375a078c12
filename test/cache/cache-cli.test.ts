import { Builder, dataflow, RecordResult, type Column } from 'hamilton-ts';
import { cli } from '../cli/run-cli';
import { decisions, tempCacheDir } from './temp-cache';

jest.setTimeout(60_000);

@dataflow()
class Listed {
  doubled(x: Column<number>): Column<number> {
    return Float64Array.from(x, (v) => v * 2);
  }

  total(doubled: Column<number>): number {
    return doubled.reduce((a: number, b: number) => a + b, 0);
  }
}

const build = (path: string) => new Builder().withModules(Listed).withResultBuilder(new RecordResult()).withCache({ path }).build();

describe('hamilton-ts cache ls | clear', () => {
  test('ls lists each stored result; clear --node forgets those nodes only; clear forgets all', async () => {
    const path = tempCacheDir();
    const dr = build(path);
    await dr.execute(['total'], { inputs: { x: Float64Array.of(1, 2, 3) } });
    const runId = dr.cache.lastRunId!;

    const ls = await cli(['cache', 'ls', '--path', path]);
    expect(ls.status).toBe(0);
    expect(ls.stdout).toMatch(/^node +data version +cache key +bytes +created +run$/m);
    expect(ls.stdout).toMatch(new RegExp(`^doubled +[0-9a-f]{16} +[0-9a-f]{16} +\\d+ +\\S+ +${runId}$`, 'm'));
    expect(ls.stdout).toMatch(/^2 stored result\(s\) in /m);
    const json = JSON.parse((await cli(['cache', 'ls', '--path', path, '--json'])).stdout) as { node: string; bytes: number }[];
    expect(json.map((e) => e.node).sort()).toEqual(['doubled', 'total']);
    expect(json.every((e) => e.bytes > 0)).toBe(true);

    expect((await cli(['cache', 'clear', '--path', path, '--node', 'total'])).stdout).toMatch(/^cleared 1 stored result\(s\)/);
    const after = build(path);
    await after.execute(['total'], { inputs: { x: Float64Array.of(1, 2, 3) } });
    expect(decisions(after)).toEqual({ doubled: 'hit', total: 'miss' });

    expect((await cli(['cache', 'clear', '--path', path])).stdout).toMatch(/^cleared 2 stored result\(s\)/);
    expect((await cli(['cache', 'ls', '--path', path])).stdout).toMatch(/^0 stored result\(s\)/m);
  });

  test('a directory with no cache is said to have none, and is not created', async () => {
    const missing = `${tempCacheDir()}/none`;
    const ls = await cli(['cache', 'ls', '--path', missing]);
    expect(ls).toMatchObject({ status: 0, stdout: `no cache at ${missing}\n` });
    expect(require('node:fs').existsSync(missing)).toBe(false);
  });
});
