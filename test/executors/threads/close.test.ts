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

function runLoop(rounds: number, mode: string) {
  // More threads than cores: some are still loading when close() comes.
  const child = spawnSync(process.execPath, [loop, String(rounds), mode], { encoding: 'utf8', env: { ...process.env, THREADS: '4' }, timeout: 200_000 });
  return { status: child.status, signal: child.signal, lines: child.stdout.trim().split('\n'), stderr: child.stderr };
}

const CLOSED = /^node 'fine' \(Failures\.fine at test\/fixtures\/threads\/failures\.ts:\d+\) failed: WorkerThreadError: the WorkerThreadExecutor was closed during the run/;

describe('WorkerThreadExecutor.close()', () => {
  test('closing right after a run, during one or right after construction, 15 times, never aborts the process; a run cut short rejects clearly', () => {
    const { status, signal, lines, stderr } = runLoop(15, 'mixed');
    expect({ status, signal, stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(lines).toHaveLength(15);
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
