import { threadId } from 'node:worker_threads';
import { Builder, GracefulErrors, NodeExecutionError, RecordResult, WorkerThreadExecutor } from 'hamilton-ts';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryTracer } from '../../../runtime/lifecycle/tracing';
import { Recorder } from '../recording-adapter';
import { RemoteHooks } from './load-remote-flow';

jest.setTimeout(60_000);

const executor = new WorkerThreadExecutor({ maxThreads: 2 });
afterAll(() => executor.close());

const driver = (rec: Recorder) => new Builder().withModules(RemoteHooks).withExecutor(executor).withResultBuilder(new RecordResult()).withAdapters(rec).build();

describe('lifecycle hooks on the worker-thread executor (hooks run on the calling thread)', () => {
  test('an untagged node runs on the calling thread inside its hooks; a tagged one is a task, submitted and returned, its node on a worker thread', async () => {
    const rec = new Recorder();
    expect(await driver(rec).execute(['heavy'], { inputs: { x: 2 } })).toEqual({ heavy: 30 });
    const base = rec.after.find((e) => e.node.name === 'base')!;
    expect(base.where).toEqual({ executor: 'threads', on: 'calling-thread' });
    expect(rec.submitted).toHaveLength(1);
    expect(rec.submitted[0]).toMatchObject({ nodes: ['heavy'], executor: 'threads' });
    const [returned] = rec.returned;
    expect(returned).toMatchObject({ taskId: rec.submitted[0].taskId, success: true, where: { executor: 'threads', on: 'worker-thread' } });
    expect(returned.where.threadId).toEqual(expect.any(Number));
    expect(returned.where.threadId).not.toBe(threadId);
    const heavy = rec.after.find((e) => e.node.name === 'heavy')!;
    expect(heavy).toMatchObject({ success: true, result: 30, taskId: returned.taskId, where: returned.where });
    expect(heavy.inputs).toEqual({ base: { kind: 'number' } });
    expect(heavy.durationMs).toBeLessThanOrEqual(returned.durationMs);
    expect(rec.lines).toEqual([
      'recorder: graph', 'recorder: run start', 'recorder: before base', 'recorder: after base ok',
      'recorder: before heavy', 'recorder: after heavy ok', 'recorder: run end ok',
    ]);
  });

  test('a node failing on a worker thread: its afterNode and taskReturned carry the error, the run its afterRun', async () => {
    const rec = new Recorder();
    await expect(driver(rec).execute(['afterBroken'], { inputs: { x: 200 } })).rejects.toThrow(NodeExecutionError);
    expect(rec.returned[0]).toMatchObject({ nodes: ['broken'], success: false });
    const broken = rec.after.find((e) => e.node.name === 'broken')!;
    expect(broken.success).toBe(false);
    expect((broken.error as Error).message).toContain('base 201 is too big');
    expect(broken.where.on).toBe('worker-thread');
    expect(rec.lines).not.toContain('recorder: before afterBroken');
    expect(rec.ends[0].success).toBe(false);
  });

  test('a fan-out: expanded once, each item a task on the pool with its own node events', async () => {
    const rec = new Recorder();
    expect(await driver(rec).execute(['sum'], { inputs: { n: 3 } })).toEqual({ sum: 5 });
    expect(rec.fanOuts.map((e) => e.items)).toEqual([3]);
    expect(rec.submitted.map((e) => e.nodes)).toEqual([['squared'], ['squared'], ['squared']]);
    expect(rec.after.filter((e) => e.node.name === 'squared').map((e) => e.where.on)).toEqual(['worker-thread', 'worker-thread', 'worker-thread']);
    expect(rec.after.filter((e) => e.node.name === 'squared').map((e) => e.result).sort()).toEqual([0, 1, 4]);
  });

  test('GracefulErrors: a node failing there yields the sentinel, its dependents are skipped, the run completes', async () => {
    const graceful = new GracefulErrors({ sentinel: 'failed' });
    const dr = new Builder().withModules(RemoteHooks).withExecutor(executor).withResultBuilder(new RecordResult()).withAdapters(graceful).build();
    expect(await dr.execute(['afterBroken', 'heavy'], { inputs: { x: 200 } })).toEqual({ afterBroken: 'failed', heavy: 2010 });
    expect(graceful.lastRun!.failed.map((f) => f.node)).toEqual(['broken']);
    expect(graceful.lastRun!.skipped).toEqual(['afterBroken']);
  });

  test('OpenTelemetryTracer: node spans inside the run span, saying where each node ran', async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new OpenTelemetryTracer({ tracer: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('test') });
    await new Builder().withModules(RemoteHooks).withExecutor(executor).withAdapters(tracer).build().rawExecute(['heavy'], { inputs: { x: 2 } });
    const spans = exporter.getFinishedSpans();
    const run = spans.find((s) => s.name === 'hamilton-ts run')!;
    const heavy = spans.find((s) => s.name === 'heavy')!;
    expect(heavy.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(heavy.attributes).toMatchObject({ 'hamilton.executor': 'threads', 'hamilton.where': 'worker-thread' });
  });
});
