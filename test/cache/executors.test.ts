/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'node:path';
import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { workerOnQueue } from '../executors/distributed/harness';
import { tempCacheDir } from './temp-cache';

// Workers load the compiled fixture, so the driver uses it too.
const FIXTURE = path.join(__dirname, '../../dist/test/fixtures/cache/flows.js');
const { WhereItRan } = require(FIXTURE) as typeof import('../fixtures/cache/flows');

jest.setTimeout(90_000);

const threads = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
const remote = workerOnQueue('cache', [FIXTURE]);
afterAll(() => threads.close());

const OUTPUTS = ['doubled', 'ranOn', 'total', 'gathered'];
const inputs = { spend: Float64Array.of(1, 2, 3), parts: 3 };
const build = (executor: Executor, cachePath: string) => new Builder().withModules(WhereItRan).withExecutor(executor)
  .withResultBuilder(new RecordResult()).withCache({ path: cachePath }).build();

describe.each([
  ['local', () => new LocalExecutor() as Executor, false],
  ['worker threads', () => threads as Executor, true],
  ['BullMQ', () => remote() as Executor, true],
])('the cache on the %s executor', (_name, executor, elsewhere) => {
  test('misses run where the executor runs them; the driver serves hits before dispatch, so a hit is the stored value', async () => {
    const cachePath = tempCacheDir();
    const first = build(executor(), cachePath);
    const computed = await first.execute(OUTPUTS, { inputs });
    const [pid] = String(computed.ranOn).split(':');
    expect(pid !== String(process.pid) || String(computed.ranOn).split(':')[1] !== '0').toBe(elsewhere);
    expect(new Set(first.cache.logs().map((d) => d.decision))).toEqual(new Set(['miss']));
    expect(first.cache.logs().filter((d) => d.node === 'chunkWork')).toHaveLength(3);

    const second = build(executor(), cachePath);
    const again = await second.execute(OUTPUTS, { inputs });
    expect(again).toEqual(computed); // ranOn and each chunkWork name the first run's thread or process
    expect(new Set(second.cache.logs().map((d) => d.decision))).toEqual(new Set(['hit']));

    // One item of the fan-out changes: only it (and what collects) runs, on the executor.
    const third = build(executor(), cachePath);
    const more = await third.execute(OUTPUTS, { inputs: { ...inputs, parts: 4 } });
    expect((more.gathered as string[]).slice(0, 3)).toEqual(computed.gathered);
    expect(third.cache.logs().filter((d) => d.decision === 'miss').map((d) => d.node)).toEqual(['chunks', 'chunkWork', 'gathered']);
  });
});
