import { HamiltonError } from '../errors';
import type { Node } from '../graph/node';
import { describeValue } from '../values/values';
import type { LifecycleAdapter, NodeEndEvent, NodePlace, NodeStartEvent, RunEndEvent, RunStartEvent, ValueSummary } from './lifecycle-adapter';

/** Which nodes get lines: a name, names, a pattern, or a predicate. */
export type NodeFilter = string | readonly string[] | RegExp | ((node: Node) => boolean);

export interface ConsoleLoggerOptions {
  /** 1 (default): a line as each node starts and ends, with its duration; 2: with its inputs and its result too. */
  verbosity?: 1 | 2;
  /** Only these nodes get lines (default: all); the run's own lines are always written. */
  nodes?: NodeFilter;
  /** Where each line goes (default: stderr, apart from the results on stdout). */
  print?: (line: string) => void;
}

const LOGGER_DEFAULTS: Required<Omit<ConsoleLoggerOptions, 'nodes'>> = {
  verbosity: 1,
  print: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Hamilton's `PrintLn` hook: a line when the run and each node start and
 * end, with durations and where each node ran; at verbosity 2 the inputs'
 * summaries and the results too.
 */
export class ConsoleLogger implements LifecycleAdapter {
  readonly name = 'ConsoleLogger';
  private readonly verbosity: 1 | 2;
  private readonly print: (line: string) => void;
  private readonly accepts: (node: Node) => boolean;

  constructor(options: ConsoleLoggerOptions = {}) {
    const verbosity = options.verbosity ?? LOGGER_DEFAULTS.verbosity;
    if (verbosity !== 1 && verbosity !== 2) throw new HamiltonError(`ConsoleLogger: verbosity must be 1 or 2, got ${describeValue(verbosity)}`);
    if (options.print !== undefined && typeof options.print !== 'function') throw new HamiltonError(`ConsoleLogger: print must be a function, got ${describeValue(options.print)}`);
    this.verbosity = verbosity;
    this.print = options.print ?? LOGGER_DEFAULTS.print;
    this.accepts = nodeFilter(options.nodes);
  }

  beforeRun(event: RunStartEvent): void {
    this.print(`run ${event.runId.slice(0, 8)} started: ${event.outputs.join(', ')} (${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'})`);
  }

  afterRun(event: RunEndEvent): void {
    const status = event.success ? 'done' : `failed: ${reason(event.error)}`;
    this.print(`run ${event.runId.slice(0, 8)} ${status} in ${ms(event.durationMs)}`);
  }

  beforeNode(event: NodeStartEvent): void {
    if (!this.accepts(event.node)) return;
    const inputs = this.verbosity >= 2 && event.node.dependencies.length ? ` with ${summaries(event.inputs)}` : '';
    this.print(`node '${event.node.name}' started${inputs}`);
  }

  afterNode(event: NodeEndEvent): void {
    if (!this.accepts(event.node)) return;
    const where = place(event.where);
    if (!event.success) {
      this.print(`node '${event.node.name}' failed in ${ms(event.durationMs)} ${where}: ${reason(event.error)}`);
      return;
    }
    const result = this.verbosity >= 2 ? `: ${describeValue(event.result)}` : '';
    this.print(`node '${event.node.name}' ${event.cached ? 'cached (stored result reused)' : 'done'} in ${ms(event.durationMs)} ${where}${result}`);
  }
}

function nodeFilter(filter: NodeFilter | undefined): (node: Node) => boolean {
  if (filter === undefined) return () => true;
  if (typeof filter === 'string') return (node) => node.name === filter;
  if (filter instanceof RegExp) return (node) => filter.test(node.name);
  if (typeof filter === 'function') return filter;
  if (Array.isArray(filter) && filter.every((name) => typeof name === 'string')) {
    const names = new Set(filter);
    return (node) => names.has(node.name);
  }
  throw new HamiltonError(`ConsoleLogger: nodes must be a node name, names, a RegExp or a function of the node, got ${describeValue(filter)}`);
}

function ms(durationMs: number): string {
  return durationMs >= 1000 ? `${(durationMs / 1000).toFixed(2)} s` : `${durationMs.toFixed(durationMs < 10 ? 2 : 0)} ms`;
}

function place(where: NodePlace): string {
  if (where.on === 'worker-thread') return `[${where.executor}, worker thread ${where.threadId ?? '?'}]`;
  if (where.on === 'worker') return `[${where.executor}, worker ${where.worker ?? '?'}]`;
  return `[${where.executor}, calling thread]`;
}

function summaries(inputs: Readonly<Record<string, ValueSummary>>): string {
  return Object.entries(inputs).map(([name, s]) => `${name}: ${s.kind}${s.length !== undefined ? `[${s.length}]` : ''}`).join(', ');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
