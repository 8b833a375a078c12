import type { SourceLocation } from '../contract/node-metadata';
import type { TypeDescriptor } from '../contract/type-descriptor';

export interface Dependency {
  name: string;
  /** The node runs without it: its own default (or `undefined`) applies. */
  optional: boolean;
  /** The type the consuming parameter declares. */
  type: TypeDescriptor;
}

/** Where a node came from: for messages, and for loading it again in a worker. */
export interface NodeOrigin {
  className: string;
  method: string;
  modulePath?: string;
  exportName?: string;
}

/**
 * One value in the dataflow: a plain record that every graph query and every
 * executor works with. Decorators never reach this far: their expanders have
 * already turned methods into nodes like this one.
 */
export interface Node {
  readonly name: string;
  readonly dependencies: readonly Dependency[];
  readonly type: TypeDescriptor;
  readonly doc: string;
  readonly tags: Readonly<Record<string, string | readonly string[]>>;
  readonly source: SourceLocation | undefined;
  readonly origin: NodeOrigin;
  /** For a `name__variant` method kept by `@config.when…`: the condition it matched. */
  readonly variant?: string;
  /** Computes the value from the dependencies' values, in `dependencies` order. */
  readonly fn: (...args: unknown[]) => unknown;
}

export function formatLocation(source: SourceLocation | undefined): string {
  return source ? `${source.file}:${source.line}` : 'unknown location (compiled without the hamilton-ts transformer)';
}

/** `'acquisitionCost' (MarketingSpend.acquisitionCost at features.ts:14)` */
export function describeNode(node: Pick<Node, 'name' | 'origin' | 'source'>): string {
  return `'${node.name}' (${node.origin.className}.${node.origin.method} at ${formatLocation(node.source)})`;
}

/** The one name a plain record cannot hold as a key (`{}['__proto__'] = x` sets the prototype), so no node or input may take it. */
export const RESERVED_NAME = '__proto__';

export function reservedNameMessage(what: string): string {
  return `${what} named '${RESERVED_NAME}' can be neither a node nor an input: JavaScript reads that name as an object's prototype. Rename it.`;
}
