import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Builder, NodeExecutionError, RecordResult, RunReport } from 'hamilton-ts';
import { workerOnQueue } from '../executors/distributed/harness';
import { REPORT_FLOW, runOf, Shop, SHOP_INPUTS } from './report-files';

// A real redis-server and a real `hamilton-ts worker` process: the report is written here, in the driver process.
jest.setTimeout(60_000);

const executor = workerOnQueue('report', [REPORT_FLOW]);
let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-report-bullmq-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the run report on the BullMQ executor', () => {
  test('each node ran on the worker process, which the report names; values the driver read are digested; a failure is red', async () => {
    const report = new RunReport({ dir });
    const dr = (discount: number) => new Builder().withModules(Shop).withExecutor(executor()).withResultBuilder(new RecordResult())
      .withAdapters(report).withConfig({ discount }).build();
    await dr(0.1).execute(['headline'], { inputs: SHOP_INPUTS });
    const run = runOf(report.lastReport!);
    expect(run).toMatchObject({ status: 'succeeded', executor: 'bullmq' });
    const computed = run.nodes.filter((n) => n.status === 'succeeded');
    expect(computed.length).toBe(7);
    for (const node of computed) expect(node.where).toMatchObject({ executor: 'bullmq', on: 'worker', worker: expect.stringMatching(/^.+:\d+$/) });
    expect(run.nodes.find((n) => n.name === 'headline')?.value).toMatchObject({ kind: 'string', text: '4 orders, 481.50 each' });
    expect(run.checks).toEqual([expect.objectContaining({ node: 'revenue', check: 'range', passed: false })]);

    await expect(dr(-1).execute(['headline'], { inputs: SHOP_INPUTS })).rejects.toThrow(NodeExecutionError);
    const failed = runOf(report.lastReport!);
    expect(failed.error).toMatchObject({ node: 'discounted' });
    expect(failed.nodes.find((n) => n.name === 'discounted')).toMatchObject({ status: 'failed', where: { on: 'worker' } });
    expect(failed.nodes.find((n) => n.name === 'headline')?.status).toBe('not run');
  });
});
