import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

jest.setTimeout(240_000);

/**
 * close() at any moment. A thread terminated while it still loads its modules
 * used to abort the whole process (a V8 fatal error, exit 134), which would
 * take jest down with it: so the loop runs in a child process, on the
 * compiled fixture in dist/.
 */
const loop = path.resolve(__dirname, '../../../dist/test/fixtures/threads/close-loop.js');

function runLoop(rounds: number, mode: string, threads: number) {
  const child = spawnSync(process.execPath, [loop, String(rounds), mode], { encoding: 'utf8', env: { ...process.env, THREADS: String(threads) }, timeout: 200_000 });
  return { status: child.status, signal: child.signal, lines: child.stdout.trim().split('\n'), stderr: child.stderr };
}

const CLOSED = /^node 'fine' \(Failures\.fine at test\/fixtures\/threads\/failures\.ts:\d+\) failed: WorkerThreadError: the WorkerThreadExecutor was closed during the run/;

describe('WorkerThreadExecutor.close()', () => {
  test('closing right after a run, 20 times, never aborts the process', () => {
    // Many more threads than cores: some are still loading arquero when close() comes. Before the fix
    // this aborted in most attempts within 20 rounds on 2 cores (a race: not every attempt).
    const { status, signal, lines, stderr } = runLoop(20, 'after', 8);
    expect({ status, signal, stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `${i} after {"fine":${i + 1}}`));
  });

  test('closing at any moment (after a run, during one, right after construction) is safe; a run cut short rejects clearly', () => {
    const { status, signal, lines, stderr } = runLoop(9, 'mixed', 2);
    expect({ status, signal, stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(lines).toHaveLength(9);
    lines.forEach((line, i) => {
      const [round, moment, ...rest] = line.split(' ');
      expect([Number(round), moment]).toEqual([i, ['after', 'during', 'construct'][i % 3]]);
      const outcome = rest.join(' ');
      if (moment === 'after') expect(outcome).toBe(`{"fine":${i + 1}}`);
      if (moment === 'construct') expect(outcome).toBe('closed');
      // Closed before the node finished: the run rejects, naming the node; after: it has its result.
      if (moment === 'during' && outcome !== `ran {"fine":${i + 1}}`) expect(outcome.replace(/^rejected /, '')).toMatch(CLOSED);
    });
  });
});
