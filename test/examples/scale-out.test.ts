import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Builder, NodeExecutionError, RecordResult, runSaver, type DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../runtime/executors/distributed/bullmq-executor';
import { PartitionedMarketing, SCALE_OUT_OUTPUTS } from '../../examples/scale-out/features';
import { writePartitions } from '../../examples/scale-out/make-partitions';
import { assertBuilt, atMost, startRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from '../executors/distributed/harness';
import { runExample } from './run-example';

// The scale-out example: per-partition features inside the fan-out, aggregates pooled by the collector.
jest.setTimeout(90_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-out-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const local = () => new Builder().withModules(PartitionedMarketing).withResultBuilder(new RecordResult()).build();

async function writeTable(file: string, spend: number[], signups: number[]): Promise<void> {
  await runSaver('parquet', aq.table({ spend: Float64Array.from(spend), signups: Float64Array.from(signups) }), { path: file });
}

describe('aggregates', () => {
  const handDir = path.join(dir, 'hand');
  beforeAll(async () => {
    // The seed's six weeks, and a second market of three.
    await writeTable(path.join(handDir, 'a.parquet'), [10, 10, 20, 40, 40, 50], [1, 10, 50, 100, 200, 400]);
    await writeTable(path.join(handDir, 'b.parquet'), [100, 200, 300], [10, 20, 30]);
    fs.writeFileSync(path.join(handDir, 'notes.txt'), 'not a partition');
  });

  test('each partition and the whole dataset match a hand computation', async () => {
    const { partitionSummaries, datasetSummary } = await local().execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir: handDir } });
    const [a, b] = partitionSummaries as Record<string, number | string>[];
    // a: rolling means NaN, NaN, 40/3, 70/3, 100/3, 130/3; divided by signups 50, 100, 200, 400.
    expect(a.file).toBe('a.parquet');
    expect(a).toMatchObject({ rows: 6, spendTotal: 170, signupsTotal: 761, acquisitionCostCount: 4 });
    expect(a.spendMean).toBeCloseTo(170 / 6, 12);
    expect(a.spendSquares).toBeCloseTo(6300 - 170 ** 2 / 6, 9); // Σx² − (Σx)²/n
    expect(a.acquisitionCostTotal).toBeCloseTo(40 / 150 + 70 / 300 + 100 / 600 + 130 / 1200, 12);
    expect(a.acquisitionCostMin).toBeCloseTo(130 / 1200, 12);
    expect(a.acquisitionCostMax).toBeCloseTo(40 / 150, 12);
    // b: one defined cost, 200 / 30.
    expect(b).toMatchObject({ file: 'b.parquet', rows: 3, spendTotal: 600, signupsTotal: 60, spendMean: 200, spendSquares: 20_000, acquisitionCostCount: 1 });
    expect(b.acquisitionCostMin).toBeCloseTo(200 / 30, 12);
    // Pooled: the nine values 10, 10, 20, 40, 40, 50, 100, 200, 300.
    expect(datasetSummary).toMatchObject({ partitions: 2, rows: 9, spendTotal: 770, signupsTotal: 821 });
    const overall = datasetSummary as Record<string, number>;
    expect(overall.spendMean).toBeCloseTo(770 / 9, 12);
    expect(overall.spendStd).toBeCloseTo(Math.sqrt((146_300 - 770 ** 2 / 9) / 8), 9);
    expect(overall.spendPerSignup).toBeCloseTo(770 / 821, 12);
    expect(overall.acquisitionCostMean).toBeCloseTo((40 / 150 + 70 / 300 + 100 / 600 + 130 / 1200 + 200 / 30) / 5, 12);
    expect(overall.acquisitionCostMin).toBeCloseTo(130 / 1200, 12);
    expect(overall.acquisitionCostMax).toBeCloseTo(200 / 30, 12);
  });

  test('an empty partition and missing spends leave the pooled figures those of the values there are', async () => {
    const gaps = path.join(dir, 'gaps');
    await writeTable(path.join(gaps, 'a.parquet'), [10, NaN, 20, 40], [1, 2, 4, 8]);
    await writeTable(path.join(gaps, 'b.parquet'), [], []);
    await writeTable(path.join(gaps, 'c.parquet'), [100, 300], [10, 30]);
    const { partitionSummaries, datasetSummary } = await local().execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir: gaps } });
    const [a, b] = partitionSummaries as Record<string, number>[];
    expect(a).toMatchObject({ rows: 4, spendCount: 3, spendTotal: 70 });
    expect(b).toMatchObject({ rows: 0, spendCount: 0 });
    // The five spends there are: 10, 20, 40, 100, 300.
    const values = [10, 20, 40, 100, 300];
    const mean = 470 / 5;
    const std = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / 4);
    expect(datasetSummary).toMatchObject({ partitions: 3, rows: 6, spendCount: 5, spendTotal: 470 });
    expect((datasetSummary as Record<string, number>).spendMean).toBeCloseTo(mean, 12);
    expect((datasetSummary as Record<string, number>).spendStd).toBeCloseTo(std, 9);
  });

  test('a directory without partitions fails the fan-out node, saying where it looked', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const run = local().execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir: empty } });
    await expect(run).rejects.toThrow(NodeExecutionError);
    await expect(run).rejects.toThrow(/partitionFile.*no \.parquet partitions in .*empty/s);
  });
});

describe('on BullMQ workers', () => {
  const QUEUE = 'scale-out';
  const ROWS = 20_000;
  const dataDir = path.join(dir, 'data');
  const MODULE = path.resolve(__dirname, '../../dist/examples/scale-out/features.js');
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let executor: BullMQExecutor;

  beforeAll(async () => {
    assertBuilt();
    await writePartitions(dataDir, { partitions: 4, rows: ROWS });
    redis = await startRedis();
    workers = await Promise.all([0, 1].map(() => startWorkerProcess(redis.url, QUEUE, ['--concurrency', '1'], [MODULE])));
    executor = new BullMQExecutor({ connection: redis.url, queue: QUEUE, keyPrefix: 'test' });
  });

  afterAll(async () => {
    await atMost(executor?.close() ?? Promise.resolve(), 10_000);
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  test('two worker processes give exactly what one process gives, and only aggregates cross Redis', async () => {
    // The compiled class: workers load the same file, at the path the transformer recorded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = (require(MODULE) as Record<string, DataflowModule>).PartitionedMarketing;
    const expected = await local().execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir: dataDir } });
    const netIn = async () => Number(/total_net_input_bytes:(\d+)/.exec(await redis.client.info('stats'))![1]);
    const before = await netIn();
    const dr = new Builder().withModules(compiled).withExecutor(executor).withResultBuilder(new RecordResult()).build();
    const remote = await dr.execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir: dataDir } });
    const sent = (await netIn()) - before;
    expect(remote).toStrictEqual(expected);
    expect((remote.datasetSummary as { rows: number }).rows).toBe(4 * ROWS);
    // Each worker read its partitions from disk: everything sent to Redis in the run (jobs, summaries,
    // BullMQ's bookkeeping) is less than one partition's two decoded columns.
    expect(sent).toBeLessThan(ROWS * 2 * 8);
  });
});

test('the example script writes a dataset, runs it in one process and on two workers, and gets the same result', () => {
  assertBuilt();
  const script = path.resolve(__dirname, '../../dist/examples/scale-out/run.js');
  const output = runExample(script, { timeoutMs: 150_000 });
  expect(output).toMatch(/local \(this process\) +\d+ ms/);
  expect(output).toMatch(/BullMQ, 2 worker processes +\d+ ms/);
  expect(output).toContain('identical results in one process and on two workers');
  expect(output).toContain('market-0009.parquet');
}, 180_000);
