import { describeNode, type Node } from './graph/node';
import { formatType, type TypeDescriptor } from './contract/type-descriptor';
import type { CheckResult } from './data-quality/check-result';
import { DataQualityReport } from './data-quality/report';
import { suggest } from './did-you-mean';

/** The base of every error hamilton-ts raises on purpose: catch this to tell ours from others. */
export class HamiltonError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A class or method cannot become nodes (missing metadata in strict mode, destructured parameters, …). */
export class ModuleDefinitionError extends HamiltonError {
  constructor(readonly className: string, readonly method: string | undefined, detail: string) {
    super(`${method ? `${className}.${method}` : className}: ${detail}`);
  }
}

/** A decorator used wrongly: names the class, the method and the decorator. */
export class DecoratorError extends HamiltonError {
  constructor(readonly className: string, readonly method: string, readonly decorator: string, detail: string) {
    super(`${className}.${method}: @${decorator} ${detail}`);
  }
}

/**
 * A decorator or dependency source given an argument it cannot take, at the
 * moment it is written (before the class and method are known): names the
 * decorator and what it expected.
 */
export class DecoratorArgumentError extends HamiltonError {
  constructor(readonly decorator: string, detail: string) {
    super(`${decorator} ${detail}`);
  }
}

export class DuplicateNodeError extends HamiltonError {
  constructor(readonly nodeName: string, readonly definitions: readonly Node[]) {
    const variants = definitions.every((d) => d.variant !== undefined);
    super(`node '${nodeName}' is defined more than once`
      + (variants ? ': more than one config variant matches the config' : '') + ':\n'
      + definitions.map((d) => `  - ${describeNode(d)}${d.variant ? ` under ${d.variant}` : ''}`).join('\n') + '\n'
      + (variants ? 'Make the variants\' conditions exclusive.' : 'Rename one of them, or pass only one of the modules that define it.'));
  }
}

export interface LeftOutVariant {
  className: string;
  method: string;
  condition: string;
}

/** A needed node whose every `name__variant` was left out by the config. */
export class NoMatchingVariantError extends HamiltonError {
  constructor(readonly nodeName: string, readonly variants: readonly LeftOutVariant[], config: Readonly<Record<string, unknown>>) {
    const keys = [...new Set(variants.flatMap((v) => [...v.condition.matchAll(/(\w+)=/g)].map((m) => m[1])))];
    super(`node '${nodeName}' is needed, but no variant of it matches the config `
      + `(${keys.map((k) => `${k}=${JSON.stringify(Object.hasOwn(config, k) ? config[k] : undefined)}`).join(', ')}):\n`
      + variants.map((v) => `  - ${v.className}.${v.method} needs ${v.condition}`).join('\n'));
  }
}

export class CycleError extends HamiltonError {
  /** The nodes in cycle order: each depends on the one after it, the last on the first. */
  constructor(readonly cycle: readonly Node[]) {
    super(`the dataflow has a cycle: ${[...cycle, cycle[0]].map((n) => n.name).join(' -> ')}\n`
      + cycle.map((n) => `  - ${describeNode(n)}`).join('\n'));
  }
}

export class TypeMismatchError extends HamiltonError {
  constructor(
    readonly producer: Node,
    readonly consumer: Node,
    readonly parameter: string,
    readonly expected: TypeDescriptor,
  ) {
    super(`node ${describeNode(consumer)} expects parameter '${parameter}' to be ${formatType(expected)}, `
      + `but node ${describeNode(producer)} returns ${formatType(producer.type)}.`);
  }
}

export interface MissingInput {
  name: string;
  /** The nodes of the run that need it; empty for an input that was only requested (nothing in the run reads it). */
  neededBy: readonly Node[];
  /** Requested as an output itself. */
  requested?: boolean;
}

function whyNeeded({ neededBy, requested }: MissingInput): string {
  const nodes = neededBy.map(describeNode).join(', ');
  if (!requested) return `needed by ${nodes}`;
  // Requested on its own: nothing in the run reads it, so whether its readers elsewhere have a default says nothing.
  return neededBy.length ? `requested as an output and needed by ${nodes}` : 'requested as an output, and no value was provided for this input';
}

export class MissingInputsError extends HamiltonError {
  constructor(readonly missing: readonly MissingInput[]) {
    const required = missing.every((m) => m.neededBy.length > 0) ? 'required ' : '';
    super(`${missing.length} ${required}input${missing.length === 1 ? ' is' : 's are'} missing:\n`
      + missing.map((m) => `  - '${m.name}', ${whyNeeded(m)}`).join('\n')
      + '\nPass them in `inputs` (a record, or an Arquero table whose columns are inputs) or in the config.');
  }
}

/** A provided value (an input, or an override standing in for a node) of the wrong kind. */
export class InputTypeError extends HamiltonError {
  constructor(
    readonly input: string,
    readonly expected: TypeDescriptor,
    readonly got: string,
    readonly consumer: Node,
    readonly role: 'input' | 'override' = 'input',
  ) {
    super(role === 'input'
      ? `input '${input}' is ${got}, but node ${describeNode(consumer)} expects ${formatType(expected)}.`
      : `override '${input}' is ${got}, but node ${describeNode(consumer)} returns ${formatType(expected)}.`);
  }
}

export class ColumnLengthError extends HamiltonError {
  /** `where` says what was being assembled: the inputs of a run, or a result table. */
  constructor(readonly lengths: Readonly<Record<string, number>>, where: string) {
    super(`${where} must all have the same length, but they differ: `
      + Object.entries(lengths).map(([name, n]) => `'${name}' has ${n}`).join(', ') + '.');
  }
}

export class UnknownNodeError extends HamiltonError {
  constructor(readonly names: readonly string[], known: Iterable<string>, what = 'requested') {
    const knownNames = [...known];
    super(`${what} ${names.length === 1 ? 'name is' : 'names are'} not in the dataflow: `
      + names.map((n) => `'${n}'${suggest(n, knownNames)}`).join(', ') + '.');
  }
}

/** An input that names a computed node: replacing a node's value is what `overrides` is for. */
export class InputShadowsNodeError extends HamiltonError {
  constructor(readonly nodes: readonly Node[]) {
    super(`inputs may only provide values no node computes, but these are nodes: ${nodes.map(describeNode).join(', ')}. `
      + 'Pass them in `overrides` to replace their values, or leave them out of `inputs`.');
  }
}

/** A name given both in the config and in `inputs`: neither silently wins (Hamilton's rule). */
export class ConfigInputConflictError extends HamiltonError {
  constructor(readonly names: readonly string[]) {
    super(`${names.map((n) => `'${n}'`).join(', ')} ${names.length === 1 ? 'is' : 'are'} both in the config and in inputs: `
      + 'give each value once. To replace a value on purpose, pass it in `overrides`.');
  }
}

export class NodeExecutionError extends HamiltonError {
  constructor(readonly node: Node, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`node ${describeNode(node)} failed: ${reason}`, { cause });
  }
}

/**
 * A node declared to return a `Column<T>` or a `Table` returned another kind
 * (undefined, a scalar, a record): the cause of the node's NodeExecutionError.
 * Left alone, it would be repeated down every row as a scalar.
 */
export class OutputTypeError extends HamiltonError {
  /** `requiredBy` names what needs the kind when the node's own type does not declare it (`@extractColumns`). */
  constructor(readonly nodeName: string, readonly expected: TypeDescriptor, readonly got: string, readonly requiredBy?: string) {
    super(`'${nodeName}' ${requiredBy ? `must return ${formatType(expected)} for ${requiredBy}` : `is declared to return ${formatType(expected)}`}, but it returned ${got}.`
      + (expected.kind === 'column' ? ' A column is an array or a typed array.'
        : expected.kind === 'table' ? ' A table is an Arquero table (aq.table, aq.fromArrow, …).' : ' A record is a plain object of fields.'));
  }
}

/**
 * Nodes ran past a time limit: the run's (`execute`'s `timeoutMs`, `scope`
 * 'run') or a node's own (tag `hamilton.timeoutMs`, `scope` 'node').
 * `nodes` are those still running; their tasks were abandoned.
 */
export class NodeTimeoutError extends HamiltonError {
  constructor(readonly nodes: readonly Node[], readonly timeoutMs: number, readonly scope: 'run' | 'node') {
    super(scope === 'run'
      ? `the run did not finish within ${timeoutMs} ms (execute's timeoutMs); still running: ${nodes.length ? nodes.map((n) => `node ${describeNode(n)}`).join(', ') : 'no node'}`
      : `${nodes.length === 1 ? `node ${describeNode(nodes[0])}` : `the fan-out block of ${nodes.map(describeNode).join(', ')}`} `
        + `did not finish within its timeout of ${timeoutMs} ms (tag hamilton.timeoutMs)`);
  }
}

export class ResultBuilderError extends HamiltonError {}

/** Work that cannot go to, or come back from, a worker thread or process (what to change is in the message). */
export class RemoteExecutionError extends HamiltonError {}

/** A Parallelizable / Collect fan-out that cannot run as written. */
export class FanOutError extends HamiltonError {
  constructor(readonly node: Node, detail: string) {
    super(`node ${describeNode(node)} ${detail}.`);
  }
}

/**
 * A `fail` data-quality check failed. `failures` are the failing checks of
 * the node that stopped the run; `report` holds every check the run made.
 */
const failedNodes = (failures: readonly CheckResult[]): string[] => [...new Set(failures.map((f) => f.node))];

export class DataQualityError extends HamiltonError {
  report: DataQualityReport;

  constructor(readonly failures: readonly CheckResult[], report?: DataQualityReport) {
    super(`data-quality checks failed on ${failedNodes(failures).map((n) => `'${n}'`).join(', ')}:\n`
      + failures.map((f) => `  - ${f.node} ${f.check}: ${f.message}`).join('\n'));
    this.report = report ?? new DataQualityReport(failures);
  }

  /** The nodes whose checks failed, each once. */
  get nodes(): string[] {
    return failedNodes(this.failures);
  }
}
