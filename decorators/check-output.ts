import { DataQualityError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { CHECK_NODE, CHECK_TAG, type CheckResult, type Importance } from '../runtime/data-quality/check-result';
import { builtinValidators, specProblems } from '../runtime/data-quality/builtin-validators';
import type { CheckSpec } from '../runtime/data-quality/check-spec';
import { ValidationContext, type Validator } from '../runtime/data-quality/validator';
import { recordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';


export interface CheckOptions {
  /** `fail` (default) stops the run when a check fails; `warn` logs and goes on. */
  importance?: Importance;
}

type CheckRecord = { validators: readonly Validator[]; spec?: CheckSpec; importance: Importance };

/**
 * `@checkOutput({ range: [0, 10_000], allowNaN: true }, { importance: 'warn' })`:
 * checks the node's value right after it is computed and before anything
 * consumes it. See CheckSpec for the built-in checks. May be used several times.
 */
export function checkOutput(spec: CheckSpec, options: CheckOptions = {}): HamiltonMethodDecorator {
  return recordingDecorator('checkOutput', { spec, validators: [], importance: options.importance ?? 'fail' } satisfies CheckRecord);
}

/** `@checkOutputCustom(new MyValidator(), …)`: checks written by you (see Validator). */
export function checkOutputCustom(...args: (Validator | CheckOptions)[]): HamiltonMethodDecorator {
  const validators = args.filter((a): a is Validator => typeof (a as Validator).validate === 'function');
  const options = (args.find((a) => typeof (a as Validator).validate !== 'function') ?? {}) as CheckOptions;
  return recordingDecorator('checkOutput', { validators, importance: options.importance ?? 'fail' } satisfies CheckRecord);
}

function validatorsOf(record: CheckRecord, node: Node, context: ExpansionContext): Validator[] {
  const problems = record.spec ? specProblems(record.spec) : [];
  if (problems.length) throw context.error('checkOutput', `on node '${node.name}': ${problems.join('; ')}`);
  let validators: Validator[];
  try {
    validators = [...(record.spec ? builtinValidators(record.spec) : []), ...record.validators];
  } catch (error) {
    throw context.error('checkOutput', `on node '${node.name}': ${(error as Error).message}`);
  }
  if (validators.length === 0) throw context.error('checkOutput', `on node '${node.name}' names no check`);
  for (const v of validators) {
    if (typeof v.name !== 'string' || typeof v.description !== 'string') {
      throw context.error('checkOutputCustom', `on node '${node.name}': a validator needs a name and a description`);
    }
    const unsuitable = v.unsuitableFor?.(node.type);
    if (unsuitable) throw context.error('checkOutput', `on node '${node.name}': ${v.name} ${unsuitable}`);
  }
  return validators;
}

/** A node that runs one decorator's validators over the checked value, in one pass where it can. */
function checkNode(raw: Node, checked: string, name: string, validators: Validator[], importance: Importance): Node {
  return {
    ...raw,
    name,
    dependencies: [{ name: raw.name, optional: false, type: raw.type }],
    type: { kind: 'array', element: { kind: 'object', name: 'CheckResult' } },
    doc: `Data-quality checks on ${checked}: ${validators.map((v) => v.description).join('; ')}.`,
    tags: { ...raw.tags, [CHECK_TAG]: CHECK_NODE },
    fn: (value: unknown): CheckResult[] => {
      const context = ValidationContext.for(validators);
      return validators.map((v) => {
        let verdict;
        try {
          verdict = v.validate(value, context.forValidator(v));
        } catch (error) {
          verdict = { passed: false, message: `the validator threw: ${(error as Error)?.message ?? error}` };
        }
        return { node: checked, check: v.name, description: v.description, importance, passed: verdict.passed, message: verdict.message, figures: verdict.figures ?? {} };
      });
    },
  };
}

/**
 * Hamilton's layout: the method's node becomes `<name>.raw`, each decorator
 * adds a check node `<name>.check`, `<name>.check2`, …, and `<name>` itself
 * passes the raw value on once every check has run — so nothing downstream
 * ever sees a value a `fail` check rejected.
 */
function checked(node: Node, records: readonly CheckRecord[], context: ExpansionContext, taken: ReadonlySet<string>): Node[] {
  // A @pipeOutput on the method already made `<name>.raw` (its steps come before the check).
  const raw: Node = { ...node, name: taken.has(`${node.name}.raw`) ? `${node.name}.unchecked` : `${node.name}.raw` };
  const checks = records.map((record, i) =>
    checkNode(raw, node.name, `${node.name}.check${i === 0 ? '' : i + 1}`, validatorsOf(record, node, context), record.importance));
  const gate: Node = {
    ...node,
    dependencies: [raw, ...checks].map((n) => ({ name: n.name, optional: false, type: n.type })),
    fn: (value: unknown, ...results: unknown[]) => {
      const failures = (results as CheckResult[][]).flat().filter((r) => !r.passed && r.importance === 'fail');
      if (failures.length) throw new DataQualityError(failures);
      return value;
    },
  };
  return [gate, raw, ...checks];
}

export const checkOutputExpander: NodeExpander<CheckRecord> = {
  kind: 'checkOutput',
  stage: 'transform',
  repeatable: true,
  expand(expansion, records, context) {
    const taken = new Set([...expansion.primary, ...expansion.extra].map((n) => n.name));
    const expanded = expansion.primary.map((node) => checked(node, records, context, taken));
    return {
      primary: expanded.map(([gate]) => gate),
      extra: [...expansion.extra, ...expanded.flatMap(([, ...added]) => added)],
    };
  },
};
