import { Builder, GracefulErrors, NodeExecutionError, RecordResult } from 'hamilton-ts';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryTracer } from '../../../runtime/lifecycle/tracing';
import { workerOnQueue } from '../../executors/distributed/harness';
import { Recorder } from '../recording-adapter';
import { REMOTE_FLOW, RemoteHooks } from './load-remote-flow';

// A real redis-server and a real `hamilton-ts worker` process: hooks run in this (driver) process, the nodes there.
jest.setTimeout(60_000);

const executor = workerOnQueue('lifecycle', [REMOTE_FLOW]);
const driver = (rec: Recorder) => new Builder().withModules(RemoteHooks).withExecutor(executor()).withResultBuilder(new RecordResult()).withAdapters(rec).build();

describe('lifecycle hooks on the BullMQ executor', () => {
  test('a chain is one task on a worker process; the events say which worker ran it, and how long each node took there', async () => {
    const rec = new Recorder();
    expect(await driver(rec).execute(['heavy'], { inputs: { x: 2 } })).toEqual({ heavy: 30 });
    expect(rec.submitted.map((e) => e.nodes)).toEqual([['base', 'heavy']]);
    expect(rec.returned.map((e) => e.success)).toEqual([true]);
    const [returned] = rec.returned;
    expect(returned.where).toMatchObject({ executor: 'bullmq', on: 'worker' });
    expect(returned.where.worker).toMatch(/^.+:\d+$/);
    expect(returned.where.worker).not.toBe(`${require('node:os').hostname()}:${process.pid}`);
    const [base, heavy] = ['base', 'heavy'].map((name) => rec.after.find((e) => e.node.name === name)!);
    expect(heavy).toMatchObject({ success: true, result: 30, where: returned.where, taskId: returned.taskId });
    // base's value was read only inside the task: it stayed on the worker.
    expect(base).toMatchObject({ success: true, result: undefined, where: returned.where, taskId: returned.taskId });
    expect(base.durationMs + heavy.durationMs).toBeLessThan(returned.durationMs);
    // Both nodes start with their task and end with it, in node order.
    expect(rec.lines).toEqual([
      'recorder: graph', 'recorder: run start', 'recorder: before base', 'recorder: before heavy',
      'recorder: after base ok', 'recorder: after heavy ok', 'recorder: run end ok',
    ]);
  });

  test("grouping 'nodes': every node is a task of its own, its value back in the driver for the hooks", async () => {
    const rec = new Recorder();
    const dr = new Builder().withModules(RemoteHooks).withExecutor(executor({ grouping: 'nodes' })).withResultBuilder(new RecordResult()).withAdapters(rec).build();
    expect(await dr.execute(['heavy'], { inputs: { x: 2 } })).toEqual({ heavy: 30 });
    expect(rec.submitted.map((e) => e.nodes)).toEqual([['base'], ['heavy']]);
    expect(rec.after.map((e) => [e.node.name, e.result, e.taskId])).toEqual([['base', 3, rec.returned[0].taskId], ['heavy', 30, rec.returned[1].taskId]]);
    expect(rec.lines).toEqual([
      'recorder: graph', 'recorder: run start', 'recorder: before base', 'recorder: after base ok',
      'recorder: before heavy', 'recorder: after heavy ok', 'recorder: run end ok',
    ]);
  });

  test("a node failing on a worker: its afterNode carries the worker's error, the run's afterRun runs", async () => {
    const rec = new Recorder();
    await expect(driver(rec).execute(['afterBroken'], { inputs: { x: 200 } })).rejects.toThrow(NodeExecutionError);
    const broken = rec.after.find((e) => e.node.name === 'broken')!;
    expect(broken.success).toBe(false);
    expect((broken.error as Error).message).toContain('base 201 is too big');
    // One task, the chain base, broken, afterBroken: base ran, afterBroken did not (it fails with broken's error).
    expect(rec.returned.at(-1)).toMatchObject({ nodes: ['base', 'broken', 'afterBroken'], success: false });
    expect(rec.after.map((e) => [e.node.name, e.success])).toEqual([['base', true], ['broken', false], ['afterBroken', false]]);
    expect(rec.ends[0].success).toBe(false);
  });

  test('a fan-out: expanded once, one task per item', async () => {
    const rec = new Recorder();
    expect(await driver(rec).execute(['sum'], { inputs: { n: 3 } })).toEqual({ sum: 5 });
    expect(rec.fanOuts.map((e) => e.items)).toEqual([3]);
    expect(rec.submitted.filter((e) => e.nodes.includes('squared'))).toHaveLength(3);
    expect(rec.after.filter((e) => e.node.name === 'squared').every((e) => e.where.on === 'worker')).toBe(true);
  });

  test('GracefulErrors: a node failing there yields the sentinel, its dependents are skipped, the run completes', async () => {
    const graceful = new GracefulErrors({ sentinel: 'failed' });
    const dr = new Builder().withModules(RemoteHooks).withExecutor(executor()).withResultBuilder(new RecordResult()).withAdapters(graceful).build();
    expect(await dr.execute(['afterBroken', 'heavy'], { inputs: { x: 200 } })).toEqual({ afterBroken: 'failed', heavy: 2010 });
    expect(graceful.lastRun!.failed.map((f) => f.node)).toEqual(['broken']);
    expect(graceful.lastRun!.skipped).toEqual(['afterBroken']);
  });

  test('OpenTelemetryTracer: node spans inside the run span, saying where each node ran', async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new OpenTelemetryTracer({ tracer: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('test') });
    await new Builder().withModules(RemoteHooks).withExecutor(executor()).withAdapters(tracer).build().rawExecute(['heavy'], { inputs: { x: 2 } });
    const spans = exporter.getFinishedSpans();
    const run = spans.find((s) => s.name === 'hamilton-ts run')!;
    const heavy = spans.find((s) => s.name === 'heavy')!;
    expect(heavy.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(heavy.attributes).toMatchObject({ 'hamilton.executor': 'bullmq', 'hamilton.where': 'worker' });
  });
});
