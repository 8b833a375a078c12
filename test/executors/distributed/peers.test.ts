import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkDistributedPeers, DISTRIBUTED_PEERS, MissingPeerDependencyError } from '../../../runtime/executors/distributed/distributed-peers';

const ROOT = path.resolve(__dirname, '../../..');
const HIDE = path.join(ROOT, 'test/fixtures/hide-packages.js');
const INSTALL = 'npm i bullmq@^6.7.0 ioredis@^5.11.1';

/** Node with bullmq and ioredis hidden, as in a project that installed only hamilton-ts. */
function nodeWithoutPeers(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  return new Promise((resolve) => {
    const env = { ...process.env, HIDE_PACKAGES: 'bullmq,ioredis', HAMILTON_TS_DEBUG: '' };
    execFile(process.execPath, ['-r', HIDE, ...args], { cwd: ROOT, encoding: 'utf8', env }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

jest.setTimeout(30_000);

describe('bullmq and ioredis are optional peer dependencies', () => {
  test('package.json asks for them only as optional peers, with the ranges the error names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries(DISTRIBUTED_PEERS)) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependencies[name]).toBe(range);
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });

  test('a missing one is one error naming the feature and the install command', () => {
    const resolve = (name: string) => {
      if (name === 'ioredis') throw new Error(`Cannot find module '${name}'`);
      return `/node_modules/${name}/index.js`;
    };
    expect(() => checkDistributedPeers('hamilton-ts/distributed', resolve)).toThrow(new MissingPeerDependencyError(
      'hamilton-ts/distributed', ['ioredis'], INSTALL,
    ));
    expect(() => checkDistributedPeers('hamilton-ts/distributed', resolve)).toThrow(
      `hamilton-ts/distributed needs ioredis, optional peer dependencies of hamilton-ts that are not installed. Install them: ${INSTALL}`,
    );
    expect(() => checkDistributedPeers('x', (name) => name)).not.toThrow();
  });

  test('without them the main entry loads, and the distributed entry says what to install', async () => {
    const { status, stdout, stderr } = await nodeWithoutPeers(['-e', `
      console.log(typeof require('./dist/index.js').Builder);
      try { require('./dist/runtime/executors/distributed/index.js'); console.log('loaded'); }
      catch (e) { console.log(e.name + ': ' + e.message); }
    `]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [builder, distributed] = stdout.trim().split('\n');
    expect(builder).toBe('function');
    expect(distributed).toBe('MissingPeerDependencyError: hamilton-ts/distributed (BullMQExecutor, `hamilton-ts worker`) '
      + `needs bullmq and ioredis, optional peer dependencies of hamilton-ts that are not installed. Install them: ${INSTALL}`);
  });

  test('`hamilton-ts worker` without them: the install command, no stack, exit 2; other commands work', async () => {
    const worker = await nodeWithoutPeers(['dist/runtime/cli/main.js', 'worker', '--redis', 'redis://127.0.0.1:1', '--queue', 'q']);
    expect(worker.status).toBe(2);
    expect(worker.stderr).toContain(`Install them: ${INSTALL}`);
    expect(worker.stderr).not.toMatch(/^\s+at /m);
    const help = await nodeWithoutPeers(['dist/runtime/cli/main.js', 'worker', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--queue <name>');
  });

  test('nothing the main entry requires loads bullmq or ioredis', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, request] of fs.readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
        if (request.startsWith('.')) visit(require.resolve(path.resolve(path.dirname(file), request)));
        else packages.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]);
      }
    };
    visit(path.join(ROOT, 'dist/index.js'));
    expect(seen.size).toBeGreaterThan(20);
    expect([...packages].filter((p) => p in DISTRIBUTED_PEERS || p === 'msgpackr')).toEqual([]);
    expect(packages).toContain('arquero');
  });
});
