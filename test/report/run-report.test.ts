import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  Builder, LocalExecutor, NodeExecutionError, RecordResult, ReportOptionError, ReportWriteError, RunReport, WorkerThreadExecutor, type Executor,
} from 'hamilton-ts';
import { writeAtomically } from '../../runtime/report/run-index';
import { indexOf, runOf, Shop, SHOP_INPUTS } from './report-files';

jest.setTimeout(60_000);

const threads = new WorkerThreadExecutor({ maxThreads: 2 });
afterAll(() => threads.close());
let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-report-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const driver = (executor: Executor, report: RunReport) =>
  new Builder().withModules(Shop).withExecutor(executor).withResultBuilder(new RecordResult()).withAdapters(report).withConfig({ discount: 0.1 }).build();

describe.each([
  ['local', () => new LocalExecutor(), 'calling-thread'],
  ['threads', () => threads, 'worker-thread'],
] as const)('the run report on the %s executor', (executorName, executor, revenueRanOn) => {
  test('a run writes one page: every drawn node with its status, duration, where it ran and a digest of its value', async () => {
    const report = new RunReport({ path: path.join(dir, 'run.html') });
    await driver(executor(), report).execute(['headline'], { inputs: SHOP_INPUTS });
    expect(report.lastReport).toBe(path.join(dir, 'run.html'));
    const html = fs.readFileSync(report.lastReport!, 'utf8');
    const run = runOf(report.lastReport!);
    expect(run).toMatchObject({ status: 'succeeded', outputs: ['headline'], executor: executorName === 'local' ? 'local' : 'threads' });
    const node = (name: string) => run.nodes.find((n) => n.name === name)!;
    expect(run.nodes.map((n) => n.name).sort()).toEqual(
      ['discount', 'discounted', 'headline', 'meanRevenue', 'orders', 'prices', 'quantities', 'revenue', 'revenue.check', 'revenue.raw'],
    );
    expect(node('revenue.raw')).toMatchObject({ status: 'succeeded', where: { on: revenueRanOn }, type: 'Column<number>' });
    expect(node('revenue').value).toMatchObject({ length: 4, nulls: 0, numbers: { min: 10, max: 2000, mean: (10 + 40 + 90 + 2000) / 4 } });
    expect(node('orders').value).toMatchObject({ kind: 'table', length: 4, head: [['price', 'quantity'], ['10', '1'], ['20', '2'], ['30', '3'], ['40', '50']] });
    expect(node('meanRevenue')).toMatchObject({ doc: 'The mean revenue of an order.', source: { file: 'test/fixtures/threads/report-flow.ts', line: expect.any(Number) } });
    expect(node('meanRevenue').durationMs).toEqual(expect.any(Number));
    expect(node('discount')).toMatchObject({ status: 'provided', providedBy: 'config', value: { kind: 'number', text: '0.1' } });
    expect(node('prices')).toMatchObject({ status: 'provided', providedBy: 'inputs', value: { length: 4 } });
    // The warn check failed (2000 is out of range): in the report, with the figures.
    expect(run.checks).toEqual([expect.objectContaining({ node: 'revenue', check: 'range', passed: false, importance: 'warn' })]);
    expect(run.config).toEqual({ discount: { kind: 'number', text: '0.1' } });
    expect(Object.keys(run.inputs)).toEqual(['prices', 'quantities']);
    // One SVG node per drawn name, coloured by status.
    expect(html.match(/<g id="node:[^"]+" class="node hamilton_node/g)).toHaveLength(run.nodes.length);
    expect(html).toMatch(/<g id="node:headline" class="node hamilton_node function output status_succeeded">/);
    // Self-contained: no external script, stylesheet, image or font.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).not.toContain('<?xml');
  });

  test('a failed run: the failed node red with its error, what depends on it not run, the error with node and location', async () => {
    const report = new RunReport({ path: path.join(dir, 'failed.html') });
    const dr = new Builder().withModules(Shop).withExecutor(executor()).withResultBuilder(new RecordResult()).withAdapters(report).withConfig({ discount: -1 }).build();
    await expect(dr.execute(['headline'], { inputs: SHOP_INPUTS })).rejects.toThrow(NodeExecutionError);
    const run = runOf(path.join(dir, 'failed.html'));
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'RangeError', node: 'discounted', location: expect.stringMatching(/^test\/fixtures\/threads\/report-flow\.ts:\d+$/) });
    expect(run.error!.message).toContain('discount -1 is negative');
    const node = (name: string) => run.nodes.find((n) => n.name === name)!;
    expect(node('discounted')).toMatchObject({ status: 'failed', error: expect.stringContaining('discount -1 is negative') });
    expect(node('headline').status).toBe('not run');
    const html = fs.readFileSync(path.join(dir, 'failed.html'), 'utf8');
    expect(html).toContain('class="node hamilton_node function status_failed"');
    expect(html).toContain('id="run-error"');
  });
});

describe('the run index', () => {
  test('each report in a directory updates its index.html: newest first, with outputs, status, duration and failed checks', async () => {
    const report = new RunReport({ dir });
    const ok = driver(new LocalExecutor(), report);
    await ok.execute(['meanRevenue'], { inputs: SHOP_INPUTS });
    const first = report.lastReport!;
    await ok.execute(['orders'], { inputs: { prices: [1], quantities: [1] } });
    const failing = new Builder().withModules(Shop).withAdapters(report).withConfig({ discount: -1 }).build();
    await expect(failing.execute(['discounted'], { inputs: SHOP_INPUTS })).rejects.toThrow();
    const runs = indexOf(dir);
    expect(runs.map((r) => r.outputs)).toEqual([['discounted'], ['orders'], ['meanRevenue']]);
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded', 'succeeded']);
    expect(runs[2]).toMatchObject({ file: path.basename(first), failedChecks: ['revenue range'] });
    expect(runs[1].failedChecks).toEqual([]);
    for (const r of runs) expect(fs.existsSync(path.join(dir, r.file))).toBe(true);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html.match(/<tr class="run /g)).toHaveLength(3);
    // A report deleted by hand leaves the index at the next run.
    fs.rmSync(first);
    await ok.execute(['orders'], { inputs: { prices: [2], quantities: [2] } });
    expect(indexOf(dir).map((r) => r.outputs)).toEqual([['orders'], ['discounted'], ['orders']]);
  });

  test('a lost update heals: the next index lists every report in the directory (each carries its own record)', async () => {
    const report = new RunReport({ dir });
    const dr = driver(new LocalExecutor(), report);
    await dr.execute(['meanRevenue'], { inputs: SHOP_INPUTS });
    await dr.execute(['orders'], { inputs: SHOP_INPUTS });
    // Two processes racing on index.html: the second rewrote it from what it read before the first wrote.
    fs.rmSync(path.join(dir, 'index.html'));
    fs.writeFileSync(path.join(dir, 'notes.html'), '<p>not a report</p>');
    await dr.execute(['discounted'], { inputs: SHOP_INPUTS });
    expect(indexOf(dir).map((r) => r.outputs)).toEqual([['discounted'], ['orders'], ['meanRevenue']]);
  });

  test('a report written again to one path replaces its entry', async () => {
    const report = new RunReport({ path: path.join(dir, 'latest.html') });
    const dr = driver(new LocalExecutor(), report);
    await dr.execute(['meanRevenue'], { inputs: SHOP_INPUTS });
    await dr.execute(['orders'], { inputs: SHOP_INPUTS });
    expect(indexOf(dir).map((r) => [r.file, r.outputs])).toEqual([['latest.html', ['orders']]]);
  });
});

describe('the run report with the cache', () => {
  test('a hit is drawn apart: status cached, its own colour and legend entry; a hit the run read keeps its value digest', async () => {
    const cacheDir = path.join(dir, 'cache');
    const cached = (report: RunReport) => new Builder().withModules(Shop).withResultBuilder(new RecordResult()).withCache({ path: cacheDir })
      .withAdapters(report).withConfig({ discount: 0.1 }).build();
    const first = new RunReport({ path: path.join(dir, 'first.html') });
    await cached(first).execute(['headline'], { inputs: SHOP_INPUTS });
    expect(runOf(first.lastReport!).nodes.filter((n) => n.status === 'cached')).toEqual([]);

    const second = new RunReport({ path: path.join(dir, 'second.html') });
    const dr = cached(second);
    await dr.execute(['headline'], { inputs: SHOP_INPUTS });
    const hits = dr.cache.logs().filter((d) => d.decision === 'hit').map((d) => d.node).sort();
    expect(hits).toEqual(['discounted', 'headline', 'meanRevenue', 'orders', 'revenue', 'revenue.check', 'revenue.raw']);
    const run = runOf(second.lastReport!);
    expect(run.nodes.filter((n) => n.status === 'cached').map((n) => n.name).sort()).toEqual(hits);
    const node = (name: string) => run.nodes.find((n) => n.name === name)!;
    expect(node('headline')).toMatchObject({ status: 'cached', where: { executor: 'local', on: 'calling-thread' }, value: { kind: 'string' } });
    expect(node('meanRevenue').value).toBeUndefined();
    expect(node('discount')).toMatchObject({ status: 'provided' });
    const html = fs.readFileSync(second.lastReport!, 'utf8');
    expect(html).toMatch(/<g id="node:headline" class="node hamilton_node function output status_cached">/);
    expect(html).toContain('cached (stored result reused)');
    expect(html).not.toContain('status_succeeded');
  });
});

describe('a report that cannot be written', () => {
  test('a write that fails leaves no temporary file behind', () => {
    const target = path.join(dir, 'index.html');
    fs.mkdirSync(target); // renaming a file over a directory fails
    expect(() => writeAtomically(target, 'page')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['index.html']);
  });

  test('fails the run with an error naming the adapter, the hook and the file', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const report = new RunReport({ path: path.join(blocker, 'run.html') });
    const error = await driver(new LocalExecutor(), report).execute(['meanRevenue'], { inputs: SHOP_INPUTS }).catch((e: unknown) => e);
    expect(String(error)).toContain('RunReport');
    expect(String(error)).toContain('afterRun');
    expect((error as Error).cause).toBeInstanceOf(ReportWriteError);
    expect(((error as Error).cause as ReportWriteError).path).toBe(path.join(blocker, 'run.html'));
  });
});

describe('RunReport options', () => {
  test('exactly one of path and dir; a path ends .html', () => {
    expect(() => new RunReport({})).toThrow(ReportOptionError);
    expect(() => new RunReport({ path: 'a.html', dir: 'b' })).toThrow("exactly one of `path` (a .html file) and `dir` (a directory)");
    expect(() => new RunReport({ path: 'run.txt' })).toThrow("RunReport: option 'path' is \"run.txt\": expected a file ending .html");
  });
});
