import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as aq from 'arquero';
import { MarketingSpend } from '../examples/marketing/features';
import { hugePagesEnv, thisPlatform } from '../runtime/cli/huge-pages';
import { MEMORY_SETTING } from '../runtime/cli/memory-tunables';
import { Builder } from '../runtime/driver/builder';
import { floor, PYTHON_SECONDS } from './marketing';
import { collect, fixed, markdownTable, median, runIfMain, verdict } from './timing';

/**
 * The marketing dataflow in the three ways users run it: in their own `node`
 * process as started (no setting), in their own process with the one
 * documented setting (`GLIBC_TUNABLES=` MEMORY_SETTING; huge pages alone, the
 * earlier advice, beside it), and in the process the `hamilton-ts` CLI
 * relaunches itself as (the environment `hugePagesEnv` gives it). Each mode
 * runs this file as a child process; the CLI is also timed end to end on an
 * Arrow file, beside the same command opted out.
 */

const ROWS = [1_000_000, 10_000_000];
const ROUNDS: Record<number, number> = { 1_000_000: 25, 10_000_000: 7 };
const OUTPUTS = ['spend', 'signups', 'acquisitionCost', 'spendZeroMean'];
const HUGE_PAGES_ONLY = 'glibc.malloc.hugetlb=1';
const FLOOR_GOAL = 1.2;
const PYTHON_GOAL = 0.5;
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/runtime/cli/main.js');

function inputsOf(rows: number) {
  return {
    spend: Float64Array.from({ length: rows }, (_, i) => 10 + ((i * 7919) % 1000)),
    signups: Float64Array.from({ length: rows }, (_, i) => 1 + ((i * 104729) % 500)),
  };
}

interface ChildFigures {
  rows: number;
  floorMs: number;
  executeMs: number;
  faultsPerRun: number;
  /** Peak resident memory of one run over what the process held before it, in 8-byte-per-row columns. */
  peakColumns?: number;
  /** Resident memory still held after the last run and a collection, over what the process held before the first, in columns. */
  keptColumns?: number;
}

/** In the child: one execute first, for its peak memory; then floor and execute alternately, a collection before each. */
async function childMain(rows: number): Promise<ChildFigures> {
  const { spend, signups } = inputsOf(rows);
  const dr = new Builder().withModules(MarketingSpend).build();
  const inputs = { inputs: { spend, signups } };
  await dr.execute(OUTPUTS, { inputs: { spend: spend.subarray(0, 10), signups: signups.subarray(0, 10) } });
  collect();
  const before = process.memoryUsage().rss;
  await dr.execute(OUTPUTS, inputs);
  const peakColumns = (process.resourceUsage().maxRSS * 1024 - before) / (rows * 8);
  floor(spend, signups);
  const floorMs: number[] = [];
  const executeMs: number[] = [];
  let faults = 0;
  for (let r = 0; r < ROUNDS[rows]; r++) {
    collect();
    let t = performance.now();
    floor(spend, signups);
    floorMs.push(performance.now() - t);
    collect();
    const f0 = process.resourceUsage().minorPageFault;
    t = performance.now();
    await dr.execute(OUTPUTS, inputs);
    executeMs.push(performance.now() - t);
    faults += process.resourceUsage().minorPageFault - f0;
  }
  collect();
  await new Promise((resolve) => setTimeout(resolve, 100));
  collect();
  // The floor's own three columns stay allocated: they are not the run's.
  const keptColumns = (process.memoryUsage().rss - before) / (rows * 8) - 3;
  return { rows, floorMs: median(floorMs), executeMs: median(executeMs), faultsPerRun: Math.round(faults / ROUNDS[rows]), peakColumns, keptColumns };
}

function inChild(rows: number, env: NodeJS.ProcessEnv): ChildFigures {
  const run = spawnSync(process.execPath, ['--expose-gc', __filename, '--child', String(rows)], { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`the benchmark child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildFigures;
}

/** Wall ms of one CLI command, median of interleaved rounds. */
function cliMs(args: string[], envs: NodeJS.ProcessEnv[], rounds: number): number[] {
  const samples: number[][] = envs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    envs.forEach((env, k) => {
      const t = performance.now();
      const run = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', cwd: ROOT });
      if (run.status !== 0) throw new Error(`hamilton-ts ${args.join(' ')} failed: ${run.stderr}`);
      samples[k].push(performance.now() - t);
    });
  }
  return samples.map(median);
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

export async function main(): Promise<string> {
  const loadBefore = load();
  const plain = { ...process.env, GLIBC_TUNABLES: '' };
  // What `hamilton-ts run` started from a plain shell relaunches itself with.
  const cliEnv = hugePagesEnv({ ...thisPlatform, env: { ...process.env, GLIBC_TUNABLES: '', HAMILTON_TS_HUGE_PAGES: '', HAMILTON_TS_RELAUNCHED: '' } }) ?? plain;
  const modes: [string, NodeJS.ProcessEnv][] = [
    ['own `node` process, as started', plain],
    [`own process, \`GLIBC_TUNABLES=${HUGE_PAGES_ONLY}\` (huge pages alone)`, { ...process.env, GLIBC_TUNABLES: HUGE_PAGES_ONLY }],
    ['own process, **the one setting** (below)', { ...process.env, GLIBC_TUNABLES: MEMORY_SETTING }],
    [`\`hamilton-ts run\` / \`worker\` (relaunched: \`${cliEnv.GLIBC_TUNABLES || 'nothing set'}\`)`, cliEnv],
  ];
  const rows: (string | number)[][] = [];
  for (const n of ROWS) {
    const python = PYTHON_SECONDS[n][0] * 1000;
    for (const [mode, env] of modes) {
      const f = inChild(n, env);
      const overFloor = f.executeMs / f.floorMs;
      const overPython = f.executeMs / python;
      rows.push([
        n.toLocaleString('en-US'), mode, fixed(f.floorMs, 1), fixed(f.executeMs, 1),
        `${fixed(overFloor)} ${verdict(overFloor <= FLOOR_GOAL)}`, `${fixed(overPython)} ${verdict(overPython <= PYTHON_GOAL)}`,
        f.faultsPerRun.toLocaleString('en-US'), fixed(f.peakColumns ?? NaN, 1), fixed(f.keptColumns ?? NaN, 1),
      ]);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-modes-'));
  const cliRows: (string | number)[][] = [];
  try {
    const cliDefault = { ...process.env, GLIBC_TUNABLES: '', HAMILTON_TS_HUGE_PAGES: '' };
    const cliOptOut = { ...cliDefault, HAMILTON_TS_HUGE_PAGES: '0' };
    const [startDefault, startOptOut] = cliMs(['--version'], [cliDefault, cliOptOut], 5);
    cliRows.push(['`hamilton-ts --version` (start-up)', fixed(startDefault / 1000, 3), fixed(startOptOut / 1000, 3)]);
    for (const n of ROWS) {
      const file = path.join(dir, `marketing-${n}.arrow`);
      fs.writeFileSync(file, aq.toArrowIPC(aq.table(inputsOf(n)), { format: 'file' }) as Uint8Array);
      const args = ['run', '--module', 'dist/examples/marketing/features.js', '--inputs', file, '--outputs', OUTPUTS.join(','), '--out', path.join(dir, 'out.arrow')];
      const [withTunables, without] = cliMs(args, [cliDefault, cliOptOut], 3);
      cliRows.push([`\`hamilton-ts run\`, ${n.toLocaleString('en-US')} rows, Arrow in and out`, fixed(withTunables / 1000, 3), fixed(without / 1000, 3)]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [
    '### Marketing dataflow in the three ways users run it (milliseconds, median)',
    '',
    `Load average (1, 5, 15 min) on ${os.cpus().length} cores: ${loadBefore} before, ${load()} after. The one setting: \`GLIBC_TUNABLES=${MEMORY_SETTING}\`.`,
    '',
    markdownTable([
      'rows', 'mode', 'floor', '`execute`', `\`execute\` / floor (goal ≤ ${FLOOR_GOAL})`,
      `\`execute\` / fastest Python, ${PYTHON_SECONDS[1_000_000][0] * 1000} ms at 1M, ${PYTHON_SECONDS[10_000_000][0] * 1000} ms at 10M (goal ≤ ${PYTHON_GOAL})`,
      'page faults per `execute`', 'peak of one run (columns)', 'kept after the runs (columns)',
    ], rows),
    '',
    'Each mode is its own `node` process. Floor: the same arithmetic into arrays allocated and touched beforehand '
    + '(bench/marketing.ts). A collection before each sample, so every run writes freshly allocated columns, as a one-off '
    + 'run does. Peak: the resident memory one run adds, in columns of 8 bytes a row (the two outputs it computes and '
    + 'avg3wkSpend make 3). Kept: what the process still holds after its runs and a collection (freed memory kept for reuse). '
    + 'Python Hamilton 1.88 with pandas: the figures of issue 15 (18–23 ms at 1M rows, 283–421 ms at 10M; PyPI is out of reach here).',
    '',
    markdownTable(['CLI command (wall, whole process)', 'default (relaunched with the setting)', '`HAMILTON_TS_HUGE_PAGES=0`'], cliRows),
  ].join('\n');
}

if (process.argv[2] === '--child') {
  childMain(Number(process.argv[3])).then((figures) => console.log(JSON.stringify(figures)), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  runIfMain(module, main);
}
