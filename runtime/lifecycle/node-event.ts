import type { Node } from '../graph/node';
import type { NodeEndEvent, NodePlace, ValueSummary } from './lifecycle-adapter';
import { summarizeValue } from './value-summary';

/**
 * The event of one node's execution: given to `beforeNode`, then completed
 * (success, result or error, duration, where) and given to `afterNode`: one
 * object per node, its inputs summarised only if a hook reads them.
 */
export class NodeEvent implements NodeEndEvent {
  success = false;
  result?: unknown;
  error?: unknown;
  durationMs = 0;
  where: NodePlace;
  taskId?: string;
  cached?: boolean;
  /** performance.now() when the node started (or its task was submitted, or its cache lookup began). */
  readonly startedAt: number;
  private summary?: Record<string, ValueSummary>;

  constructor(readonly runId: string, readonly node: Node, readonly args: readonly unknown[], where: NodePlace, startedAt = performance.now()) {
    this.where = where;
    this.startedAt = startedAt;
  }

  get inputs(): Readonly<Record<string, ValueSummary>> {
    if (!this.summary) {
      const summary: Record<string, ValueSummary> = {};
      this.node.dependencies.forEach((d, i) => {
        summary[d.name] = summarizeValue(this.args[i]);
      });
      this.summary = summary;
    }
    return this.summary;
  }
}
