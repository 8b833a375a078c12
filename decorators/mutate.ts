import { DecoratorError } from '../runtime/errors';
import type { MethodNode } from '../runtime/graph/module-nodes';
import { recordingDecorator, type DecoratorRecord } from './decorator-record';
import { LiteralValue, UpstreamSource, source } from './dependency-source';
import { withOutputSteps } from './pipe-output';
import { PipeStep, type Bindings } from './pipe-step';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** Set on the function in place of the @mutate method, which only the graph build knows. */
const pending = Object.defineProperty(() => undefined, 'name', { value: 'applyTo' });

/**
 * `applyTo('spend', { max: value(100) })` (Hamilton's `apply_to`): in a
 * @mutate, the target method and the arguments bound for it; `.when…`,
 * `.named`, `.onOutput` as on a step.
 */
export function applyTo(target: string, bindings: Bindings = {}): PipeStep {
  return new PipeStep(pending as PipeStep['fn'], bindings, { mutateTarget: target });
}

interface MutateRecord {
  targets: readonly PipeStep[];
  shared: Bindings;
  wrong: readonly unknown[];
}

/**
 * `@mutate('spend', applyTo('signups', { max: value(10) }), { max: value(100) })`
 * (Hamilton's `@mutate`): the method post-processes other methods of its
 * class, as a last @pipeOutput step of each; its first parameter receives
 * the target's output, the others are bound (per target by applyTo, else by
 * the last argument) or are nodes of their name. The method itself is no node.
 */
export function mutate(...args: (string | PipeStep | Bindings)[]): HamiltonMethodDecorator {
  const targets: PipeStep[] = [];
  const wrong: unknown[] = [];
  let shared: Bindings = {};
  for (const a of args) {
    if (typeof a === 'string') targets.push(applyTo(a));
    else if (a instanceof PipeStep && a.settings.mutateTarget !== undefined) targets.push(a);
    else if (typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Object.prototype) shared = { ...shared, ...(a as Bindings) };
    else wrong.push(a);
  }
  return recordingDecorator('mutate', { targets, shared, wrong } satisfies MutateRecord);
}

const MUTATE = 'mutate';

/**
 * The class's methods with each @mutate method moved into its targets' records
 * (so every decorator and executor sees plain @pipeOutput steps); the @mutate
 * methods themselves are no nodes. Records are copied: the class's stay as written.
 */
export function withMutations(methods: readonly MethodNode[]): MethodNode[] {
  const mutating = methods.filter((m) => m.records.some((r) => r.kind === MUTATE));
  if (mutating.length === 0) return [...methods];
  const added = new Map<string, PipeStep[]>();
  for (const m of mutating) {
    const { className, method } = m.node.origin;
    const error = (detail: string) => new DecoratorError(className, method, MUTATE, detail);
    if (m.records.length > 1) throw error('combines with no other decorator: gate its steps with applyTo(…).when(…) instead');
    const record = m.records[0].options as MutateRecord;
    if (record.wrong.length) throw error(`takes method names, applyTo(…)s and a bindings object, not ${record.wrong.map((w) => JSON.stringify(w) ?? String(w)).join(', ')}`);
    if (record.targets.length === 0) throw error('names no target method');
    const [output, ...rest] = m.node.dependencies;
    if (!output) throw error("needs a method whose first parameter receives the target's output");
    for (const target of record.targets) {
      const name = target.settings.mutateTarget!;
      if (mutating.some((o) => o.node.origin.method === name)) throw error(`targets '${name}', which is itself a @mutate method`);
      if (!methods.some((o) => o.node.origin.method === name)) {
        const nodeMethods = methods.filter((o) => !mutating.includes(o)).map((o) => o.node.origin.method);
        throw error(`targets '${name}', which is no node method of ${className} (it has ${nodeMethods.join(', ') || 'none'})`);
      }
      // Hamilton: an applyTo with no bindings of its own takes the shared ones.
      const given = Object.keys(target.bindings).length ? target.bindings : record.shared;
      const unknown = Object.keys(given).filter((k) => !rest.some((d) => d.name === k));
      if (unknown.length) {
        throw error(`binds ${unknown.map((u) => `'${u}'`).join(', ')}, which is not a parameter of ${method}(${m.node.dependencies.map((d) => d.name).join(', ')}) after the target's output`);
      }
      // Unbound parameters are nodes of their name; an unbound defaulted one gets its default.
      const bindings: Record<string, LiteralValue | UpstreamSource> = {};
      for (const d of rest) {
        if (Object.hasOwn(given, d.name)) bindings[d.name] = given[d.name];
        else if (!d.optional) bindings[d.name] = source(d.name);
      }
      const fn = m.node.fn;
      const call = (previous: unknown, args: Record<string, unknown>) => fn(previous, ...rest.map((d) => args[d.name]));
      const settings = { ...target.settings, stepName: target.settings.stepName ?? method };
      added.set(name, [...(added.get(name) ?? []), new PipeStep(call as PipeStep['fn'], bindings, settings)]);
    }
  }
  return methods.filter((m) => !mutating.includes(m)).map((m) => {
    const steps = added.get(m.node.origin.method);
    return steps ? { ...m, records: withOutputSteps(m.records, steps) as readonly DecoratorRecord[] } : m;
  });
}
