import { suggest } from '../../did-you-mean';
import { HamiltonError } from '../../errors';
import type { AdapterRole } from './data-adapter';

const listed = (names: readonly string[]): string => (names.length ? names.join(', ') : 'none');
const atNode = (node: string | undefined): string => (node ? `node '${node}': ` : '');

/** A loader or saver name that is not registered: names it, the close ones and every registered one. */
export class UnknownAdapterError extends HamiltonError {
  constructor(readonly role: AdapterRole, readonly adapter: string, readonly registered: readonly string[], readonly node?: string) {
    super(`${atNode(node)}no ${role} named '${adapter}' is registered${suggest(adapter, registered)}; `
      + `registered ${role}s: ${listed(registered)}. Register one with register${role === 'loader' ? 'Loader' : 'Saver'}(…)`);
  }
}

/** A second adapter under a name already taken, without `{ override: true }`. */
export class DuplicateAdapterError extends HamiltonError {
  constructor(readonly role: AdapterRole, readonly adapter: string) {
    super(`a ${role} named '${adapter}' is already registered: pass { override: true } to replace it`);
  }
}

/** An adapter that cannot be registered as written (no name, no load function, …). */
export class AdapterDefinitionError extends HamiltonError {
  constructor(readonly role: AdapterRole, readonly adapter: string, detail: string) {
    super(`${role} '${adapter}': ${detail}`);
  }
}

/** An option an adapter does not take, a required one left out, or a value it cannot use. */
export class AdapterOptionError extends HamiltonError {
  constructor(readonly role: AdapterRole, readonly adapter: string, readonly option: string, detail: string, readonly node?: string) {
    super(`${atNode(node)}the ${adapter} ${role}'s option '${option}' ${detail}`);
  }
}

/** A loader could not read its source: names the node (when run as one), the adapter and the path. */
export class LoadError extends HamiltonError {
  constructor(readonly adapter: string, readonly path: string, readonly detail: string, readonly node?: string, options?: { cause?: unknown }) {
    super(`${atNode(node)}the ${adapter} loader cannot read '${path}': ${detail}`, options);
  }
}

/** A saver could not write its destination; no half-written file is left behind. */
export class SaveError extends HamiltonError {
  constructor(readonly adapter: string, readonly path: string, readonly detail: string, readonly node?: string, options?: { cause?: unknown }) {
    super(`${atNode(node)}the ${adapter} saver cannot write '${path}': ${detail}`, options);
  }
}

/** A value of a kind the adapter does not handle (a number given to the parquet saver). */
export class AdapterValueError extends HamiltonError {
  constructor(readonly role: AdapterRole, readonly adapter: string, readonly accepts: readonly string[], readonly got: string, readonly node?: string) {
    super(`${atNode(node)}the ${adapter} ${role} ${role === 'loader' ? 'produced' : 'was given'} ${got}, but it handles ${accepts.join(' or ')} values`);
  }
}

/**
 * A column read from (or saved to) a source whose type is not the declared schema's
 * (`Table<{ spend: number }>`), or a declared column the source lacks: names the column.
 */
export class ColumnTypeError extends HamiltonError {
  constructor(
    readonly role: AdapterRole,
    readonly adapter: string,
    readonly path: string | undefined,
    readonly column: string,
    readonly expected: string,
    readonly got: string,
    readonly node?: string,
  ) {
    super(`${atNode(node)}the ${adapter} ${role}${path ? ` (${path})` : ''}: column '${column}' `
      + `${got === 'missing' ? 'is missing' : `holds ${got}`}, but the declared schema says ${expected}`);
  }
}
