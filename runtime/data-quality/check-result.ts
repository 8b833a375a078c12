import type { Node } from '../graph/node';

/** The tag that marks the nodes @checkOutput adds, so runs can gather their results and drawings set them apart. */
export const CHECK_TAG = 'hamilton.dataQuality';
export const CHECK_NODE = 'validator';

export function isCheckNode(node: Pick<Node, 'tags'>): boolean {
  return node.tags[CHECK_TAG] === CHECK_NODE;
}

/** `warn` records and logs a failed check and goes on; `fail` stops the run. */
export type Importance = 'warn' | 'fail';

/** One validator's verdict on one node's value, with the figures behind it. */
export interface CheckResult {
  /** The node whose value was checked. */
  node: string;
  /** The validator, e.g. `range`, `allowNaN`, or a custom validator's name. */
  check: string;
  description: string;
  importance: Importance;
  passed: boolean;
  /** One line saying what was found. */
  message: string;
  /** The numbers behind the verdict: counts, observed min/max/mean, offending values and row indices. */
  figures: Record<string, unknown>;
}

/** What a validator returns before the node, the importance and its name are attached. */
export interface Verdict {
  passed: boolean;
  message: string;
  figures?: Record<string, unknown>;
}

/** Six significant digits read better than -0.30000000000000004 (integers and non-finite values stay as they are). */
export function roundedFigure<T>(v: T): T | number {
  return typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

/** How many offending row indices or values a result lists. */
export const EXAMPLES_KEPT = 5;
