import type { SourceLocation } from '../contract/node-metadata';
import type { CheckResult } from '../data-quality/check-result';
import type { ProvidedBy } from '../driver/export-execution';
import { DataQualityError, NodeExecutionError } from '../errors';
import { isTable } from '../values/values';
import type { FunctionGraph } from '../graph/graph';
import { formatLocation } from '../graph/node';
import type { NodeEndEvent, NodePlace, RunEndEvent, RunStartEvent } from '../lifecycle/lifecycle-adapter';
import { viewOf, type GraphView } from '../viz/graph-view';
import { digestValue, type ValueDigest } from './value-digest';

/** What became of a name in the run: `cached` when the cache served its stored result (`Builder.withCache`). */
export type NodeStatus = 'succeeded' | 'cached' | 'failed' | 'not run' | 'provided';

/** One drawn name of a run, as the report's panel shows it. */
export interface NodeRecord {
  name: string;
  kind: string;
  type: string;
  doc: string;
  source: SourceLocation | null;
  status: NodeStatus;
  /** For a provided value: inputs, config or overrides. */
  providedBy?: ProvidedBy;
  durationMs?: number;
  where?: NodePlace;
  /** Undefined when the value stayed where it was computed (a worker sends back only what the driver reads). */
  value?: ValueDigest;
  error?: string;
}

/** The error that stopped a run: its text, and the node and source location it came from, when it came from one. */
export interface RunFailure {
  name: string;
  message: string;
  node?: string;
  location?: string;
}

/** One run, as its report page and the run index show it: plain JSON. */
export interface RunRecord {
  runId: string;
  /** ISO time the run started. */
  startedAt: string;
  durationMs: number;
  outputs: string[];
  status: 'succeeded' | 'failed';
  executor: string;
  nodes: NodeRecord[];
  config: Record<string, ValueDigest>;
  inputs: Record<string, ValueDigest>;
  overrides: Record<string, ValueDigest>;
  checks: CheckResult[];
  error?: RunFailure;
}

const digestAll = (values: Readonly<Record<string, unknown>> | undefined): Record<string, ValueDigest> =>
  Object.fromEntries(Object.entries(values ?? {}).map(([name, value]) => [name, digestValue(value)]));

function inputRecord(inputs: RunStartEvent['inputs']): Record<string, unknown> {
  if (!inputs) return {};
  if (isTable(inputs)) return Object.fromEntries(inputs.columnNames().map((name) => [name, inputs.array(name)]));
  return inputs as Record<string, unknown>;
}

function failureOf(error: unknown): RunFailure {
  if (error instanceof NodeExecutionError) {
    const cause = error.cause;
    return {
      name: cause instanceof Error ? cause.name : error.name, message: error.message,
      node: error.node.name, location: formatLocation(error.node.source),
    };
  }
  if (error instanceof DataQualityError) return { name: error.name, message: error.message, node: error.nodes.join(', ') };
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/**
 * Gathers one run from its lifecycle events: what ran, how long, where, the
 * values' digests and the checks' results; then the view to draw.
 */
export class RunRecorder {
  private readonly ended = new Map<string, NodeEndEvent>();
  private readonly started = new Date();

  constructor(private readonly start: RunStartEvent) {}

  nodeEnded(event: NodeEndEvent): void {
    this.ended.set(event.node.name, event);
  }

  /** The names the picture draws: what the run computed, what those read, the requested outputs. */
  view(graph: FunctionGraph = this.start.graph): GraphView {
    const names = new Set<string>([...this.start.nodes, ...this.start.outputs.filter((o) => graph.slotOf.has(o))]);
    for (const name of this.start.nodes) for (const d of graph.nodes.get(name)?.dependencies ?? []) names.add(d.name);
    return viewOf(graph, names, { outputs: this.start.outputs, provided: this.provided() });
  }

  private provided(): Map<string, ProvidedBy> {
    const provided = new Map<string, ProvidedBy>();
    for (const name of Object.keys(this.start.graph.config)) provided.set(name, 'config');
    for (const name of Object.keys(inputRecord(this.start.inputs))) provided.set(name, 'inputs');
    for (const name of Object.keys(this.start.overrides ?? {})) provided.set(name, 'overrides');
    return provided;
  }

  finish(end: RunEndEvent): RunRecord {
    const graph = this.start.graph;
    const provided = this.provided();
    const computed = new Set(this.start.nodes);
    const values = { ...graph.config, ...inputRecord(this.start.inputs), ...this.start.overrides };
    const checks: CheckResult[] = [];
    const nodes = this.view().nodes.map((drawn): NodeRecord => {
      const base = { name: drawn.name, kind: drawn.kind, type: drawn.type, doc: drawn.doc, source: drawn.source ?? null };
      const event = this.ended.get(drawn.name);
      if (event) {
        if (event.success && drawn.kind === 'check' && Array.isArray(event.result)) checks.push(...(event.result as CheckResult[]));
        return {
          ...base, status: event.success ? (event.cached ? 'cached' : 'succeeded') : 'failed', durationMs: event.durationMs, where: event.where,
          // A hit the run never read has no value here: the report does not read it from the cache either.
          ...('result' in event && event.success && !(event.cached && event.result === undefined) ? { value: digestValue(event.result) } : {}),
          ...(event.error !== undefined ? { error: event.error instanceof Error ? event.error.message : String(event.error) } : {}),
        };
      }
      if (!computed.has(drawn.name) && provided.has(drawn.name)) {
        return { ...base, status: 'provided', providedBy: provided.get(drawn.name), value: digestValue(values[drawn.name as keyof typeof values]) };
      }
      return { ...base, status: 'not run' };
    });
    // A failed `fail` check stops its node: its results are on the error, not on a node's value.
    const quality = end.error instanceof DataQualityError ? end.error : undefined;
    const reported = quality ? [...quality.report.results] : checks;
    return {
      runId: end.runId, startedAt: this.started.toISOString(), durationMs: end.durationMs, outputs: [...end.outputs],
      status: end.success ? 'succeeded' : 'failed', executor: [...this.ended.values()][0]?.where.executor ?? 'none', nodes,
      config: digestAll(graph.config), inputs: digestAll(inputRecord(this.start.inputs)), overrides: digestAll(this.start.overrides),
      checks: reported, ...(end.success ? {} : { error: failureOf(end.error) }),
    };
  }
}
