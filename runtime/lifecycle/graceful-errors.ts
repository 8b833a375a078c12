import { DataQualityError, HamiltonError } from '../errors';
import type { Node } from '../graph/node';
import { describeValue } from '../values/values';
import type { LifecycleAdapter, NodeEndEvent, NodeFailure, RunEndEvent, RunStartEvent } from './lifecycle-adapter';

export interface GracefulErrorsOptions {
  /**
   * Which failures are recovered: an Error class (what the node threw is an
   * instance of it), or a predicate of what it threw and the node. Default:
   * every error but a `fail` data-quality check's (DataQualityError), which is meant to stop the run.
   */
  catch?: (abstract new (...args: never[]) => unknown) | ((error: unknown, node: Node) => boolean);
  /** What stands for a failed node's value and its dependents' (default null, Hamilton's None). */
  sentinel?: unknown;
}

/** What a run's recovered failures were: the nodes that failed, with their errors, and the nodes skipped because of them. */
export interface GracefulRun {
  runId: string;
  failed: { node: string; error: unknown }[];
  skipped: string[];
}

/**
 * Hamilton's `GracefulErrorAdapter`: a node that throws yields the sentinel
 * instead of failing the run; what depends on it is skipped and yields the
 * sentinel too; everything else runs, and the run returns. `lastRun` says
 * what failed and what was skipped. Works on every executor (the failure is
 * recovered in the driver, whichever thread or worker the node ran on).
 */
export class GracefulErrors implements LifecycleAdapter {
  readonly name = 'GracefulErrors';
  /** The last run's failures and skipped nodes (undefined before the first run). */
  lastRun: GracefulRun | undefined;
  private readonly catches: (error: unknown, node: Node) => boolean;
  private readonly sentinel: unknown;
  private completed = new Set<string>();

  constructor(options: GracefulErrorsOptions = {}) {
    const { catch: caught } = options;
    if (caught !== undefined && typeof caught !== 'function') throw new HamiltonError(`GracefulErrors: catch must be an Error class or a function, got ${describeValue(caught)}`);
    if (caught === undefined) this.catches = (error) => !(error instanceof DataQualityError);
    else if (isClass(caught)) this.catches = (error) => error instanceof caught;
    else this.catches = caught as (error: unknown, node: Node) => boolean;
    this.sentinel = options.sentinel ?? null;
  }

  beforeRun(event: RunStartEvent): void {
    this.lastRun = { runId: event.runId, failed: [], skipped: [] };
    this.completed = new Set();
  }

  afterNode(event: NodeEndEvent): void {
    if (event.success) this.completed.add(event.node.name);
  }

  recoverNodeFailure(failure: NodeFailure): { value: unknown } | undefined {
    if (!this.catches(failure.error, failure.node)) return undefined;
    this.lastRun?.failed.push({ node: failure.node.name, error: failure.error });
    return { value: this.sentinel };
  }

  afterRun(event: RunEndEvent): void {
    const run = this.lastRun;
    if (!run || run.runId !== event.runId) return;
    const failed = new Set(run.failed.map((f) => f.node));
    run.skipped = run.failed.length ? event.nodes.filter((name) => !this.completed.has(name) && !failed.has(name)) : [];
  }
}

function isClass(fn: unknown): fn is abstract new (...args: never[]) => unknown {
  return typeof fn === 'function' && (/^class[\s{]/.test(Function.prototype.toString.call(fn)) || fn === Error || Object.prototype.isPrototypeOf.call(Error, fn));
}
