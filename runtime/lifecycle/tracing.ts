import type { Context, Span, Tracer } from '@opentelemetry/api';
import { formatType } from '../contract/type-descriptor';
import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';
import type { LifecycleAdapter, NodeEndEvent, NodeStartEvent, RunEndEvent, RunStartEvent } from './lifecycle-adapter';
import { summarizeValue } from './value-summary';

export interface TracingOptions {
  /** The tracer to start spans with (default: `trace.getTracer('hamilton-ts')` of the global provider). */
  tracer?: Tracer;
}

type OtelApi = typeof import('@opentelemetry/api');

function loadApi(): OtelApi {
  try {
    // An optional peer, loaded when a tracer is made: programs that do not trace need not install it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@opentelemetry/api') as OtelApi;
  } catch {
    throw new MissingPeerDependencyError('OpenTelemetryTracer', ['@opentelemetry/api'], 'npm i @opentelemetry/api');
  }
}

/**
 * Hamilton's `OpenTelemetryTracer`: one span per run, and within it one span
 * per node (per item of a fan-out), with the node's name, type, rows (a
 * table's or a column's length), executor, where it ran, and an error status
 * with the exception when it failed. Spans go to whatever SDK the program set
 * up (`@opentelemetry/sdk-trace-base`, an OTLP exporter…).
 */
export class OpenTelemetryTracer implements LifecycleAdapter {
  readonly name = 'OpenTelemetryTracer';
  private readonly api: OtelApi;
  private readonly tracer: Tracer;
  private readonly runs = new Map<string, { span: Span; context: Context }>();
  private readonly nodes = new Map<NodeStartEvent, Span>();

  constructor(options: TracingOptions = {}) {
    this.api = loadApi();
    this.tracer = options.tracer ?? this.api.trace.getTracer('hamilton-ts');
  }

  beforeRun(event: RunStartEvent): void {
    const span = this.tracer.startSpan('hamilton-ts run', {
      attributes: {
        'hamilton.run_id': event.runId,
        'hamilton.outputs': [...event.outputs],
        'hamilton.executor': event.executor,
        'hamilton.nodes': event.nodes.length,
      },
    });
    this.runs.set(event.runId, { span, context: this.api.trace.setSpan(this.api.context.active(), span) });
  }

  beforeNode(event: NodeStartEvent): void {
    const run = this.runs.get(event.runId);
    const span = this.tracer.startSpan(event.node.name, {
      attributes: {
        'hamilton.node': event.node.name,
        'hamilton.type': formatType(event.node.type),
        'hamilton.run_id': event.runId,
        ...(event.node.source ? { 'code.filepath': event.node.source.file, 'code.lineno': event.node.source.line } : {}),
      },
    }, run?.context);
    this.nodes.set(event, span);
  }

  afterNode(event: NodeEndEvent): void {
    const span = this.nodes.get(event);
    if (!span) return;
    this.nodes.delete(event);
    span.setAttribute('hamilton.executor', event.where.executor);
    span.setAttribute('hamilton.where', event.where.on);
    if (event.where.threadId !== undefined) span.setAttribute('hamilton.thread_id', event.where.threadId);
    if (event.where.worker !== undefined) span.setAttribute('hamilton.worker', event.where.worker);
    if (event.taskId !== undefined) span.setAttribute('hamilton.task_id', event.taskId);
    span.setAttribute('hamilton.duration_ms', event.durationMs);
    if (event.cached) span.setAttribute('hamilton.cached', true);
    if (event.success) {
      const rows = summarizeValue(event.result).length;
      if (rows !== undefined) span.setAttribute('hamilton.rows', rows);
      span.setStatus({ code: this.api.SpanStatusCode.OK });
    } else {
      this.fail(span, event.error);
    }
    span.end();
  }

  afterRun(event: RunEndEvent): void {
    const run = this.runs.get(event.runId);
    if (!run) return;
    this.runs.delete(event.runId);
    if (event.success) run.span.setStatus({ code: this.api.SpanStatusCode.OK });
    else this.fail(run.span, event.error);
    run.span.end();
  }

  private fail(span: Span, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR, message });
    span.recordException(error instanceof Error ? error : message);
  }
}
