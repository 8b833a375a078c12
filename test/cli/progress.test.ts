import { execFile, spawnSync } from 'child_process';
import * as path from 'path';
import { cli, ROOT } from './run-cli';

// The progress bar is drawn only on a terminal: util-linux's `script` gives the CLI a real pseudo-terminal.
jest.setTimeout(30_000);

const MAIN = path.join(ROOT, 'dist/runtime/cli/main.js');
const RUN = ['run', '--module', 'dist/examples/quality/features.js', '--outputs', 'petalArea,sepalRatio', '--inputs', 'examples/quality/data/iris.csv', '--limit', '1'];

function onTerminal(args: readonly string[]): Promise<string> {
  if (spawnSync('script', ['--version']).error) throw new Error('these tests need `script` (util-linux) to give the CLI a terminal: apt-get install util-linux');
  const command = [process.execPath, MAIN, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

describe('hamilton-ts run: the progress bar', () => {
  test('on a terminal it is drawn by default: nodes done of total', async () => {
    const out = await onTerminal(RUN);
    expect(out).toMatch(/\d\/\d nodes \|/);
    expect(out).toContain('petalArea');
  });

  test('--no-progress turns it off on a terminal', async () => {
    const out = await onTerminal(['run', '--no-progress', ...RUN.slice(1)]);
    expect(out).not.toMatch(/nodes \|/);
    expect(out).toContain('petalArea');
  });

  test('not on a terminal (a pipe, CI) nothing is drawn', async () => {
    const { status, stderr } = await cli(RUN);
    expect(status).toBe(0);
    expect(stderr).toBe('');
  });
});
