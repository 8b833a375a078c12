import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as aq from 'arquero';
import { Builder, dataflow, MissingPeerDependencyError, NodeExecutionError, type Column, type Table } from 'hamilton-ts';
import { OpenTelemetryTracer } from '../../runtime/lifecycle/tracing';

@dataflow()
class Flow {
  spend(base: number): Column<number> {
    return Float64Array.from([base, base * 2, base * 3]);
  }

  report(spend: Column<number>): Table {
    return aq.table({ spend });
  }

  broken(spend: Column<number>): number {
    throw new Error(`cannot sum ${spend.length}`);
  }
}

function setUp() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = new OpenTelemetryTracer({ tracer: provider.getTracer('test') });
  return { exporter, dr: new Builder().withModules(Flow).withAdapters(tracer).build() };
}

describe('OpenTelemetryTracer', () => {
  test('one span per run and one per node inside it, with the node name, type, rows, executor', async () => {
    const { exporter, dr } = setUp();
    await dr.rawExecute(['report'], { inputs: { base: 1 } });
    const spans = exporter.getFinishedSpans();
    const run = spans.find((s) => s.name === 'hamilton-ts run')!;
    expect(run.attributes).toMatchObject({ 'hamilton.executor': 'local', 'hamilton.outputs': ['report'], 'hamilton.nodes': 2 });
    expect(run.status.code).toBe(SpanStatusCode.OK);
    const nodes = spans.filter((s) => s !== run);
    expect(nodes.map((s) => s.name)).toEqual(['spend', 'report']);
    for (const span of nodes) {
      expect(span.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(run.spanContext().traceId);
    }
    expect(nodes[0].attributes).toMatchObject({ 'hamilton.node': 'spend', 'hamilton.type': 'Column<number>', 'hamilton.rows': 3, 'hamilton.executor': 'local', 'hamilton.where': 'calling-thread' });
    expect(nodes[1].attributes).toMatchObject({ 'hamilton.type': 'Table', 'hamilton.rows': 3 });
    expect(nodes[0].attributes['code.filepath']).toMatch(/tracing\.test\.ts$/);
  });

  test("a failing node's span and the run's have the error status and the exception", async () => {
    const { exporter, dr } = setUp();
    await expect(dr.rawExecute(['broken'], { inputs: { base: 1 } })).rejects.toThrow(NodeExecutionError);
    const spans = exporter.getFinishedSpans();
    const broken = spans.find((s) => s.name === 'broken')!;
    expect(broken.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(broken.status.message).toContain('cannot sum 3');
    expect(broken.events.map((e) => e.name)).toContain('exception');
    expect(spans.find((s) => s.name === 'hamilton-ts run')!.status.code).toBe(SpanStatusCode.ERROR);
  });

  test('with the cache, a hit still has its span, marked hamilton.cached, with the rows of a value the run read', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-trace-cache-'));
    try {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const cached = () => new Builder().withModules(Flow).withCache({ path: cacheDir }).withAdapters(new OpenTelemetryTracer({ tracer: provider.getTracer('test') })).build();
      await cached().rawExecute(['report'], { inputs: { base: 1 } });
      expect(exporter.getFinishedSpans().some((s) => 'hamilton.cached' in s.attributes)).toBe(false);
      exporter.reset();
      await cached().rawExecute(['report'], { inputs: { base: 1 } });
      const nodes = exporter.getFinishedSpans().filter((s) => s.name !== 'hamilton-ts run');
      expect(nodes.map((s) => s.name)).toEqual(['spend', 'report']);
      for (const span of nodes) expect(span.attributes).toMatchObject({ 'hamilton.cached': true, 'hamilton.where': 'calling-thread' });
      expect(nodes[1].attributes['hamilton.rows']).toBe(3);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('without @opentelemetry/api installed: a MissingPeerDependencyError saying what to install', () => {
    jest.isolateModules(() => {
      jest.doMock('@opentelemetry/api', () => { throw new Error("Cannot find module '@opentelemetry/api'"); });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { OpenTelemetryTracer: Isolated } = require('../../runtime/lifecycle/tracing') as typeof import('../../runtime/lifecycle/tracing');
      expect(() => new Isolated()).toThrow('OpenTelemetryTracer needs @opentelemetry/api');
      expect(() => new Isolated()).toThrow('npm i @opentelemetry/api');
      let error: unknown;
      try {
        new Isolated();
      } catch (caught) {
        error = caught;
      }
      // Another module registry: the class is its own copy, so compare by name.
      expect((error as Error).name).toBe(MissingPeerDependencyError.name);
    });
  });
});
