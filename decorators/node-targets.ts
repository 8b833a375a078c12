import type { Node } from '../runtime/graph/node';
import type { ExpansionContext } from './expansion';
import { ioRoleOf } from '../runtime/io/nodes/io-tags';

/** Every node the method became, as Hamilton's `target_=...`. */
export const ALL_NODES = '...';

/**
 * Which of a method's nodes a decorator acts on (Hamilton's `target_`):
 * `undefined` the final ones, `'...'` all of them, a name or names those nodes.
 */
export type NodeTarget = string | readonly string[] | undefined;

/**
 * The nodes no other node of the method consumes: the extracted columns and
 * fields rather than their table or record, a checked node rather than its
 * `.raw` value and checks, a pipe's last step rather than the ones before.
 * A subdag's reused nodes come from other methods: never final here (as
 * Hamilton tags them non-final).
 */
export function finalNodes(nodes: readonly Node[], context: Pick<ExpansionContext, 'className' | 'method'>): Node[] {
  // A @saveTo saver reads the node it saves, which stays final: @tag labels the value, not only its saver.
  const consumed = new Set(nodes.filter((n) => ioRoleOf(n.tags) !== 'saver').flatMap((n) => n.dependencies.map((d) => d.name)));
  return nodes.filter((n) => !consumed.has(n.name) && n.origin.className === context.className && n.origin.method === context.method);
}

/** The nodes a target names; a name the method makes no node of is an error (a typo would otherwise do nothing). */
export function targetNodes(nodes: readonly Node[], target: NodeTarget, decorator: string, context: ExpansionContext): Node[] {
  if (target === undefined) return finalNodes(nodes, context);
  if (target === ALL_NODES) return [...nodes];
  const names = typeof target === 'string' ? [target] : target;
  // A method the config left out has no nodes: nothing to name.
  if (nodes.length === 0) return [];
  const missing = names.filter((name) => !nodes.some((n) => n.name === name));
  if (missing.length) {
    throw context.error(decorator, `targets ${missing.map((m) => `'${m}'`).join(', ')}, but the method makes only ${nodes.map((n) => `'${n.name}'`).join(', ')}`);
  }
  return nodes.filter((n) => names.includes(n.name));
}

/** Applies `change` to the chosen nodes of an expansion, leaving the others as they are. */
export function mapNodes<T extends { primary: Node[]; extra: Node[] }>(expansion: T, chosen: readonly Node[], change: (n: Node) => Node): T {
  const set = new Set(chosen);
  const apply = (n: Node) => (set.has(n) ? change(n) : n);
  return { ...expansion, primary: expansion.primary.map(apply), extra: expansion.extra.map(apply) };
}
