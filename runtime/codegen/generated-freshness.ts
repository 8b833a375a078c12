import { recoverParameters } from '../graph/parameter-recovery';
import { looksRenamed } from '../graph/transformer-hint';
import { GeneratedMetadataOutOfDateError } from './codegen-errors';
import type { GeneratedEntry } from './generated-entry';

/**
 * Compares a class with its generated entry: the same methods (nodes and
 * the private or protected ones the entry lists as no nodes), and for each
 * node the same number of parameters under the same names, read from the
 * compiled source. A name a bundler or minifier renamed (`t`, `ab`, `window2`)
 * is no change; the count still is.
 */
export function assertFresh(cls: Function, entry: GeneratedEntry): void {
  const className = cls.name || entry.class.className;
  const own = Object.getOwnPropertyNames(cls.prototype).filter((name) => {
    if (name === 'constructor') return false;
    return typeof Object.getOwnPropertyDescriptor(cls.prototype, name)!.value === 'function';
  });
  const known = new Set([...Object.keys(entry.methods), ...(entry.otherMethods ?? [])]);
  const added = own.filter((name) => !known.has(name));
  if (added.length > 0) {
    throw new GeneratedMetadataOutOfDateError(className, added[0], 'is a method its generated entry does not have', locationOf(entry));
  }
  const present = new Set(own);
  for (const [method, meta] of Object.entries(entry.methods)) {
    if (!present.has(method)) {
      throw new GeneratedMetadataOutOfDateError(className, method, 'is in its generated entry but no longer a method of the class', `${meta.source.file}:${meta.source.line}`);
    }
    let recovered: string[];
    try {
      recovered = recoverParameters(cls.prototype[method]).map((p) => p.name);
    } catch {
      continue; // destructured or unreadable: the graph build reports those
    }
    const expected = meta.params.map((p) => p.name);
    const renamedOnly = recovered.length === expected.length
      && recovered.every((name, i) => name === expected[i] || (renamedByTool(name) && !expected.includes(name)));
    if (!renamedOnly) {
      throw new GeneratedMetadataOutOfDateError(className, method,
        `takes (${recovered.join(', ')}), but its generated entry says (${expected.join(', ')})`, `${meta.source.file}:${meta.source.line}`);
    }
  }
}

/** A bundler's rename (`window2`) or a minifier's (`t`, `ab`): short names are what minifiers give. */
function renamedByTool(name: string): boolean {
  return looksRenamed(name) || /^[A-Za-z_$][A-Za-z0-9_$]?$/.test(name);
}

function locationOf(entry: GeneratedEntry): string {
  return `${entry.class.source.file}:${entry.class.source.line}`;
}
