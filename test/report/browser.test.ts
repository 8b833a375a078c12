import * as fs from 'fs';
import * as path from 'path';
import { Builder, LocalExecutor, RecordResult, RunReport, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { launchChromium, openFile } from './browser';
import { ARTIFACTS, runOf, Shop, SHOP_INPUTS } from './report-files';

// Chromium starts in a few seconds on a busy machine.
jest.setTimeout(120_000);

const threads = new WorkerThreadExecutor({ maxThreads: 2 });
let chromium: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  chromium = await launchChromium();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await chromium?.close();
  await threads.close();
});

const run = async (executor: Executor, report: RunReport, discount: number) => {
  const dr = new Builder().withModules(Shop).withExecutor(executor).withResultBuilder(new RecordResult()).withAdapters(report).withConfig({ discount }).build();
  await dr.execute(['headline'], { inputs: SHOP_INPUTS }).catch(() => undefined);
  return report.lastReport!;
};

/** Each SVG node's name, its status class and the fill of its shape, as the browser draws them. */
const drawnNodes = (page: import('puppeteer-core').Page) => page.$$eval('#graph g.hamilton_node', (nodes) => nodes.map((g) => ({
  name: g.id.slice('node:'.length),
  status: [...g.classList].find((c) => c.startsWith('status_')),
  fill: getComputedStyle(g.querySelector('polygon, path, ellipse')!).fill,
})));

describe.each([
  ['local', () => new LocalExecutor()],
  ['threads', () => threads],
] as const)('the run report in headless Chromium (%s executor)', (name, executor) => {
  test('opens from disk with no request; node count and colours; a click fills the panel; the index lists the runs', async () => {
    const dir = path.join(ARTIFACTS, name);
    const report = new RunReport({ dir });
    const ok = await run(executor(), report, 0.1);
    const failed = await run(executor(), report, -1);

    const { page, requests, errors } = await openFile(chromium.browser, ok);
    const nodes = await drawnNodes(page);
    expect(nodes).toHaveLength(runOf(ok).nodes.length);
    const succeeded = nodes.filter((n) => n.status === 'status_succeeded');
    expect(succeeded.map((n) => n.name).sort()).toEqual(['discounted', 'headline', 'meanRevenue', 'orders', 'revenue', 'revenue.check', 'revenue.raw']);
    // Green, deeper for slower nodes: every succeeded fill has more green than red.
    for (const { fill } of succeeded) {
      const [r, g] = fill.match(/\d+/g)!.map(Number);
      expect(g).toBeGreaterThan(r);
    }
    expect(nodes.filter((n) => n.status === 'status_provided').map((n) => n.name).sort()).toEqual(['discount', 'prices', 'quantities']);

    await page.click('[id="node:meanRevenue"]');
    const panel = await page.$eval('#panel', (p) => ({
      title: p.querySelector('h2')?.textContent,
      type: p.querySelector('.fact-type')?.textContent,
      doc: p.querySelector('.fact-doc')?.textContent,
      source: p.querySelector('.fact-source')?.textContent,
      duration: p.querySelector('.fact-duration')?.textContent,
      ranOn: p.querySelector('.fact-ran-on')?.textContent,
      shown: p.querySelector('.fact-shown')?.textContent,
    }));
    expect(panel).toMatchObject({ title: 'meanRevenue', type: 'number', doc: 'The mean revenue of an order.', shown: String((10 + 40 + 90 + 2000) / 4) });
    expect(panel.source).toMatch(/^test\/fixtures\/threads\/report-flow\.ts:\d+$/);
    expect(panel.duration).toMatch(/^\d+(\.\d+)? m?s$/);
    expect(panel.ranOn).toBe(`${name === 'local' ? 'local' : 'threads'}, calling-thread`);

    await page.click('[id="node:revenue"]');
    const revenue = await page.$eval('#panel', (p) => ({
      length: p.querySelector('.fact-length')?.textContent, nulls: p.querySelector('.fact-nulls')?.textContent,
      min: p.querySelector('.fact-min')?.textContent, max: p.querySelector('.fact-max')?.textContent,
    }));
    expect(revenue).toEqual({ length: '4', nulls: '0', min: '10', max: '2000' });
    await page.click('[id="node:revenue.raw"]');
    expect(await page.$eval('#panel .fact-ran-on', (e) => e.textContent)).toEqual(name === 'local' ? 'local, calling-thread' : expect.stringMatching(/^threads, worker-thread \d+$/));
    await page.click('[id="node:orders"]');
    expect(await page.$$eval('#panel table tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)))).toEqual(expect.arrayContaining([
      ['price', 'quantity'], ['10', '1'], ['40', '50'],
    ]));
    expect(await page.$eval('#data-quality h2', (h) => h.textContent)).toBe('Data quality: 1 checks, 1 failed');
    await page.click('[id="node:meanRevenue"]');
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-report.png`), fullPage: true });

    const failedPage = await openFile(chromium.browser, failed);
    const failedNodes = await drawnNodes(failedPage.page);
    expect(failedNodes.find((n) => n.name === 'discounted')).toMatchObject({ status: 'status_failed', fill: 'rgb(229, 62, 62)' });
    expect(failedNodes.find((n) => n.name === 'headline')?.status).toBe('status_not_run');
    expect(await failedPage.page.$eval('#run-error', (e) => e.textContent)).toMatch(/^RangeError at node 'discounted' \(test\/fixtures\/threads\/report-flow\.ts:\d+\)/);
    expect(await failedPage.page.$eval('#panel h2', (e) => e.textContent)).toBe('discounted');
    await failedPage.page.screenshot({ path: path.join(ARTIFACTS, `${name}-failed.png`), fullPage: true });

    const index = await openFile(chromium.browser, path.join(dir, 'index.html'));
    const rows = await index.page.$$eval('#runs tr.run', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows.map((r) => r[2])).toEqual(['failed', 'succeeded']);
    expect(rows[1][4]).toBe('revenue range');
    await index.page.screenshot({ path: path.join(ARTIFACTS, `${name}-index.png`) });

    expect([...requests, ...failedPage.requests, ...index.requests]).toEqual([]);
    expect([...errors, ...failedPage.errors, ...index.errors]).toEqual([]);
    await Promise.all([page.close(), failedPage.page.close(), index.page.close()]);
  });
});

describe("the README's screenshot", () => {
  test('the marketing run report, a node picked: kept as test-artifacts/report/marketing-report.png (docs/run-report.png is a copy)', async () => {
    const { MarketingSpend } = await import('../../examples/marketing/features');
    const { MARKETING_OUTPUTS, marketingInputs } = await import('../../examples/marketing/data');
    const report = new RunReport({ dir: path.join(ARTIFACTS, 'marketing') });
    await new Builder().withModules(MarketingSpend).withAdapters(report).build().execute(MARKETING_OUTPUTS, { inputs: marketingInputs() });
    const { page, requests } = await openFile(chromium.browser, report.lastReport!);
    await page.setViewport({ width: 1280, height: 800 });
    await page.click('[id="node:acquisitionCost"]');
    expect(await page.$eval('#panel h2', (e) => e.textContent)).toBe('acquisitionCost');
    expect(await page.$eval('#panel .fact-length', (e) => e.textContent)).toBe('6');
    await page.screenshot({ path: path.join(ARTIFACTS, 'marketing-report.png') });
    expect(requests).toEqual([]);
    await page.close();
  });
});
