import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { hugePagesEnv, type Platform } from '../../runtime/cli/huge-pages';
import { MEMORY_SETTING } from '../../runtime/cli/memory-tunables';
import { MEMORY_SETTING as PUBLIC_MEMORY_SETTING } from '../../index';
import { cli, ROOT } from './run-cli';
import { tempFiles } from './temp-files';

const MAIN = path.join(ROOT, 'dist/runtime/cli/main.js');

const linux = (env: NodeJS.ProcessEnv = {}, over: Partial<Platform> = {}): Platform => ({
  platform: 'linux', env, glibc: () => '2.36', transparentHugePages: () => 'madvise', ...over,
});

const REUSE = 'glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824';

describe('hugePagesEnv: when the CLI starts itself again with huge pages and memory reuse', () => {
  test('on Linux with glibc and transparent huge pages: all three tunables, after any the user set', () => {
    expect(MEMORY_SETTING).toBe(`glibc.malloc.hugetlb=1:${REUSE}`);
    expect(PUBLIC_MEMORY_SETTING).toBe(MEMORY_SETTING);
    expect(hugePagesEnv(linux({ PATH: '/bin' }))).toEqual({ PATH: '/bin', GLIBC_TUNABLES: MEMORY_SETTING, HAMILTON_TS_RELAUNCHED: '1' });
    expect(hugePagesEnv(linux({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }))?.GLIBC_TUNABLES).toBe(`glibc.malloc.arena_max=2:${MEMORY_SETTING}`);
    expect(hugePagesEnv(linux({}, { transparentHugePages: () => 'always' }))?.GLIBC_TUNABLES).toBe(MEMORY_SETTING);
  });

  test('a tunable the user set keeps their value; only the others are added', () => {
    expect(hugePagesEnv(linux({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }))?.GLIBC_TUNABLES).toBe(`glibc.malloc.hugetlb=0:${REUSE}`);
    expect(hugePagesEnv(linux({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=65536' }))?.GLIBC_TUNABLES)
      .toBe('glibc.malloc.trim_threshold=65536:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1073741824');
    // The older variables set the same tunables: glibc would apply whichever it read last, so ours stays out.
    expect(hugePagesEnv(linux({ MALLOC_MMAP_THRESHOLD_: '131072' }))?.GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=1073741824');
  });

  test('without transparent huge pages in the kernel, only the reuse of freed memory', () => {
    expect(hugePagesEnv(linux({}, { transparentHugePages: () => 'never' }))?.GLIBC_TUNABLES).toBe(REUSE);
    expect(hugePagesEnv(linux({}, { transparentHugePages: () => undefined }))?.GLIBC_TUNABLES).toBe(REUSE);
  });

  test.each([
    ['the user set every tunable', linux({ GLIBC_TUNABLES: `glibc.malloc.hugetlb=0:glibc.malloc.mmap_threshold=1:glibc.malloc.trim_threshold=1` })],
    ['opted out', linux({ HAMILTON_TS_HUGE_PAGES: '0' })],
    ['already relaunched', linux({ HAMILTON_TS_RELAUNCHED: '1' })],
    ['not Linux', linux({}, { platform: 'darwin' })],
    ['musl, not glibc', linux({}, { glibc: () => undefined })],
  ])('not when %s', (_, platform) => {
    expect(hugePagesEnv(platform)).toBeUndefined();
  });
});

// What the relaunch does for real needs a Linux kernel with transparent huge pages and glibc.
const thp = (() => {
  try {
    return /\[(always|madvise)\]/.test(fs.readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'));
  } catch {
    return false;
  }
})();
const glibc = Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);
const onLinuxGlibc = process.platform === 'linux' && thp && glibc ? describe : describe.skip;

onLinuxGlibc('hamilton-ts runs with huge pages', () => {
  // Each test starts node twice: slow on a loaded machine.
  jest.setTimeout(60_000);
  const files = tempFiles('hamilton-huge-pages-');
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
  });
  const dist = JSON.stringify(path.join(ROOT, 'dist/index.js'));
  // Plain JS modules (no transformer): parameter names come from the source.
  const probe = () => files.write('probe.js', `
    const fs = require('fs');
    const { dataflow } = require(${dist});
    class Probe {
      memory() {
        const column = new Float64Array(32 * 1024 * 1024 / 8).fill(1);
        const huge = /AnonHugePages:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/smaps_rollup', 'utf8'))[1];
        return [process.env.GLIBC_TUNABLES || 'none', Number(huge) > 0 ? 'huge' : 'small', column.length].join(' ');
      }
    }
    dataflow()(Probe);
    module.exports = { Probe };
  `);
  const sleeper = (pidFile: string) => files.write('sleeper.js', `
    const fs = require('fs');
    const { dataflow } = require(${dist});
    class Sleeper {
      async slept() {
        fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
        await new Promise((resolve) => setTimeout(resolve, 60000));
        return 1;
      }
    }
    dataflow()(Sleeper);
    module.exports = { Sleeper };
  `);

  test('`hamilton-ts run` computes with the tunable set: a fresh 32 MB column lands on huge pages', async () => {
    const out = path.join(files.dir(), 'memory.json');
    const { status, stderr } = await cli(['run', '--module', probe(), '--outputs', 'memory', '--out', out], { GLIBC_TUNABLES: '', HAMILTON_TS_HUGE_PAGES: '' });
    expect({ status, stderr: stderr.includes('Error') ? stderr : '' }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual([{ memory: `${MEMORY_SETTING} huge ${4 * 1024 * 1024}` }]);
  });

  test('a GLIBC_TUNABLES the user set reaches the relaunched process, ours added beside it', async () => {
    const out = path.join(files.dir(), 'memory-merged.json');
    const { status } = await cli(['run', '--module', probe(), '--outputs', 'memory', '--out', out], { GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=65536', HAMILTON_TS_HUGE_PAGES: '' });
    expect(status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))[0].memory)
      .toBe(`glibc.malloc.trim_threshold=65536:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1073741824 huge ${4 * 1024 * 1024}`);
  });

  test('HAMILTON_TS_HUGE_PAGES=0 runs as started, without the tunable', async () => {
    const out = path.join(files.dir(), 'memory-opt-out.json');
    const { status } = await cli(['run', '--module', probe(), '--outputs', 'memory', '--out', out], { GLIBC_TUNABLES: '', HAMILTON_TS_HUGE_PAGES: '0' });
    expect(status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))[0].memory).toMatch(/^none /);
  });

  const gone = async (pid: number): Promise<boolean> => {
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };

  // Handles SIGINT as `hamilton-ts worker` does (a second one means "now"): it records how many arrived.
  const interruptible = (pidFile: string, countFile: string) => files.write('interruptible.js', `
    const fs = require('fs');
    const { dataflow } = require(${dist});
    class Interruptible {
      async slept() {
        let count = 0;
        process.on('SIGINT', () => {
          fs.writeFileSync(${JSON.stringify(countFile)}, String(++count));
          if (count === 1) setTimeout(() => process.exit(130), 500);
        });
        fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
        await new Promise((resolve) => setTimeout(resolve, 60000));
        return 1;
      }
    }
    dataflow()(Interruptible);
    module.exports = { Interruptible };
  `);

  /** Starts a run whose node waits a minute; resolves once the relaunched process computes it, with both processes. */
  async function startSleeper(name: string, module: (pidFile: string) => string = sleeper) {
    const pidFile = path.join(files.dir(), `${name}.pid`);
    // Its own process group, as a shell gives a command: a signal to the group is what a terminal's Ctrl-C sends.
    const child = spawn(process.execPath, [MAIN, 'run', '--module', module(pidFile), '--outputs', 'slept'], {
      stdio: 'ignore', detached: true, env: { ...process.env, GLIBC_TUNABLES: '', HAMILTON_TS_HUGE_PAGES: '' },
    });
    started.push(child.pid!);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    for (let i = 0; i < 600 && !fs.existsSync(pidFile); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const relaunched = Number(fs.readFileSync(pidFile, 'utf8'));
    started.push(relaunched);
    return { child, exited, relaunched };
  }

  test('SIGTERM reaches the relaunched process, and the command ends by it', async () => {
    const { child, exited, relaunched } = await startSleeper('term');
    expect(relaunched).not.toBe(child.pid);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await gone(relaunched)).toBe(true);
  });

  test('SIGINT sent to the command (kill -INT, timeout -s INT, an IDE stop button) reaches the relaunched process', async () => {
    const { child, exited, relaunched } = await startSleeper('int');
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(await gone(relaunched)).toBe(true);
  });

  test("a terminal's Ctrl-C (SIGINT to the process group) reaches the relaunched process once, not twice", async () => {
    const countFile = path.join(files.dir(), 'interrupts');
    const { child, exited } = await startSleeper('ctrl-c', (pidFile) => interruptible(pidFile, countFile));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(fs.readFileSync(countFile, 'utf8')).toBe('1');
  });

  test('the relaunched process never outlives the one started (SIGKILL leaves no orphan)', async () => {
    const { child, exited, relaunched } = await startSleeper('kill');
    child.kill('SIGKILL');
    await exited;
    expect(await gone(relaunched)).toBe(true);
  });
});
