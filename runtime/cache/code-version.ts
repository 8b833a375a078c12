import { createHash } from 'node:crypto';
import { codeOfOrigin, methodOfOrigin } from '../graph/module-nodes';
import type { Node, NodeOrigin } from '../graph/node';

/**
 * A node's code version as the cache keys it (Hamilton's `code_version`): the
 * version the transformer stamped on its method (source and decorators,
 * comments aside), or the method's compiled text when it was built without the
 * transformer (the usual no-transformer warning says so), joined with the text
 * of every function its decorators hand work to (`@does`, pipe steps, custom
 * validators) and their other arguments: changing a delegated function's body
 * changes the version even though the method's own text did not change.
 * Decorators `@resolve` made from the config count with their arguments, so a
 * config value bound through them (`value(config.factor)`) is in the key.
 */
export function nodeCodeVersion(node: Node): string {
  let version = versions.get(node.origin);
  if (version === undefined) {
    version = computeVersion(node);
    versions.set(node.origin, version);
  }
  return version;
}

const versions = new WeakMap<NodeOrigin, string>();

function computeVersion(node: Node): string {
  const code = codeOfOrigin(node.origin);
  const method = methodOfOrigin(node.origin);
  const hash = createHash('sha256');
  hash.update(code?.codeVersion ?? `text:${(method ?? node.fn).toString()}`);
  // What @resolve made from the config: the values bound there are not in the method's text nor in @resolve's.
  for (const record of [...code?.records ?? [], ...code?.resolved ?? []]) {
    hash.update(`\u0000@${record.kind}(`);
    argumentText(record.options, (text) => hash.update(text), new Set(), 0);
  }
  return hash.digest('hex').slice(0, 16);
}

const MAX_DEPTH = 8;

/** Writes a decorator argument as text: functions as their source, data as itself, class instances by their fields. */
function argumentText(value: unknown, write: (text: string) => void, open: Set<object>, depth: number): void {
  if (typeof value === 'function') {
    write(`fn:${value.toString()};`);
    return;
  }
  if (typeof value !== 'object' || value === null) {
    write(`${typeof value}:${String(value)};`);
    return;
  }
  if (ArrayBuffer.isView(value)) {
    write(`${value.constructor.name}:${createHash('sha256').update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).digest('hex')};`);
    return;
  }
  if (open.has(value) || depth > MAX_DEPTH) {
    write('…;');
    return;
  }
  open.add(value);
  const entries = value instanceof Map ? [...value] : Array.isArray(value) || value instanceof Set ? [...value].entries() : Object.entries(value);
  write(`${value.constructor?.name ?? 'Object'}{`);
  for (const [key, item] of entries) {
    write(`${String(key)}=`);
    argumentText(item, write, open, depth + 1);
  }
  write('}');
  open.delete(value);
}
