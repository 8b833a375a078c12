import type { Dependency, Node } from '../runtime/graph/node';
import { UNKNOWN } from '../runtime/contract/type-descriptor';
import { recordingDecorator, type DecoratorRecord } from './decorator-record';
import { LiteralValue, UpstreamSource, type DependencySource } from './dependency-source';
import type { ExpansionContext, NodeExpander } from './expansion';
import { targetNodes, type NodeTarget } from './node-targets';
import { holds, type Condition } from './config';

type Bindings = Readonly<Record<string, LiteralValue | UpstreamSource>>;

/**
 * A step node's namespace (Hamilton's `namespace=`): `undefined` the default
 * (`...`: the decorated method, or for @pipeOutput the output piped), `null`
 * none, a string that one.
 */
export type StepNamespace = string | null | undefined;

interface StepSettings {
  readonly stepName?: string;
  readonly namespace?: StepNamespace;
  /** The outputs of the method a @pipeOutput step applies to (Hamilton's `step(…).on_output`). */
  readonly target?: NodeTarget;
  /** The step is in the chain only when all hold (Hamilton's `step(…).when…`). */
  readonly conditions?: readonly Condition[];
  /** For applyTo(…): the method of the class whose output a @mutate method post-processes. */
  readonly mutateTarget?: string;
}

/** One transformation in a @pipe / @pipeOutput: `fn(previous, args)`, with `args` bound by value(…) or source(…). */
export class PipeStep {
  readonly settings: StepSettings;

  constructor(
    readonly fn: (previous: never, args: never) => unknown,
    readonly bindings: Bindings,
    /** The step's settings, or (as before there were any) just its name. */
    settings: StepSettings | string | undefined = {},
  ) {
    this.settings = typeof settings === 'object' ? settings : { stepName: settings };
  }

  get stepName(): string | undefined {
    return this.settings.stepName;
  }

  private with(settings: StepSettings): PipeStep {
    return new PipeStep(this.fn, this.bindings, { ...this.settings, ...settings });
  }

  /**
   * Names the step's node `<namespace>.<name>`: the namespace is the method's
   * (default, Hamilton's `...`), none (`null`), or the one given.
   */
  named(name: string, namespace?: StepNamespace): PipeStep {
    return this.with({ stepName: name, namespace });
  }

  /** In a @pipeOutput: applies the step to these outputs of the method only (of @extractFields / @extractColumns). */
  onOutput(target: string | readonly string[]): PipeStep {
    return this.with({ target });
  }

  private gated(condition: Condition): PipeStep {
    return this.with({ conditions: [...(this.settings.conditions ?? []), condition] });
  }

  /** In the chain only when the config has these values (as @config.when). */
  when(values: Record<string, unknown>): PipeStep {
    return this.gated({ op: 'when', values });
  }

  whenNot(values: Record<string, unknown>): PipeStep {
    return this.gated({ op: 'whenNot', values });
  }

  whenIn(values: Record<string, readonly unknown[]>): PipeStep {
    return this.gated({ op: 'whenIn', values });
  }

  whenNotIn(values: Record<string, readonly unknown[]>): PipeStep {
    return this.gated({ op: 'whenNotIn', values });
  }
}

/** A @pipe step: `fn(previous, args)`, `args` typed as the function declares them (`{ max }: { max: number }`). */
export function step<P, A extends object, R>(fn: (previous: P, args: A) => R, bindings: Bindings = {}): PipeStep {
  if (typeof fn !== 'function') throw new TypeError('step() takes the function to apply');
  return new PipeStep(fn as PipeStep['fn'], bindings);
}

export interface PipeDecoratorOptions {
  /** The namespace of every step node (Hamilton's `namespace=`); a step may then set none of its own. */
  namespace?: StepNamespace;
}

/** The decorator's arguments: step(…)s, then an options object; anything else is kept to be reported at graph build. */
function splitArguments<O extends object>(args: readonly unknown[]): { steps: PipeStep[]; options: O; wrong: unknown[] } {
  const steps = args.filter((a): a is PipeStep => a instanceof PipeStep);
  const objects = args.filter((a) => !(a instanceof PipeStep) && typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Object.prototype);
  const wrong = args.filter((a) => !(a instanceof PipeStep) && !objects.includes(a));
  return { steps, options: Object.assign({}, ...objects) as O, wrong: objects.length > 1 ? [...wrong, objects[1]] : wrong };
}

const describeArgument = (a: unknown) => (typeof a === 'function' ? a.name || 'a function' : typeof a === 'object' && a !== null ? 'a second options object' : JSON.stringify(a) ?? String(a));

/** Checks the decorator's arguments and namespaces, and keeps the steps the config selects. */
function selectedSteps(
  record: { steps: readonly PipeStep[]; namespace?: StepNamespace; wrong?: readonly unknown[] },
  decorator: string,
  context: ExpansionContext,
): PipeStep[] {
  if (record.wrong?.length) throw context.error(decorator, `takes step(…)s and an options object, not ${record.wrong.map(describeArgument).join(', ')}`);
  if (record.steps.length === 0) throw context.error(decorator, 'has no steps');
  if (record.namespace !== undefined) {
    const own = record.steps.find((s) => s.settings.namespace !== undefined);
    // Hamilton refuses both: which of the two should win is anyone's guess.
    if (own) throw context.error(decorator, `sets a namespace on the decorator and on step '${own.stepName ?? own.fn.name}': choose one`);
  }
  return record.steps.filter((s) => {
    try {
      return (s.settings.conditions ?? []).every((c) => holds(c, context.config));
    } catch (error) {
      throw context.error(decorator, `step '${s.stepName ?? s.fn.name}' failed to decide from the config: ${(error as Error)?.message ?? error}`);
    }
  });
}

interface PipeRecord {
  steps: readonly PipeStep[];
  on: string | undefined;
  namespace: StepNamespace;
  wrong: readonly unknown[];
}

/**
 * `@pipe(step(dropOutliers), step(clip, { max: value(100) }))` (Hamilton's
 * `@pipe_input`): the method's first parameter (or `pipeOn('name', …)`'s)
 * passes through each step in order before the method sees it. Each step is
 * a node of its own, `<method>.<step>`, so it shows in listings and can be
 * requested. A last `{ namespace }` argument names the steps' namespace.
 */
export function pipe(...args: (PipeStep | PipeDecoratorOptions)[]): MethodDecorator {
  return pipeOn(undefined as never, ...args);
}

export function pipeOn(parameter: string, ...args: (PipeStep | PipeDecoratorOptions)[]): MethodDecorator {
  const { steps, options, wrong } = splitArguments<PipeDecoratorOptions>(args);
  return recordingDecorator('pipe', { steps, on: parameter, namespace: options.namespace, wrong } satisfies PipeRecord);
}

export interface PipeOutputOptions extends PipeDecoratorOptions {
  /** The outputs of the method to pipe (of @extractFields / @extractColumns); default: every final one. */
  onOutput?: string | readonly string[];
}

interface PipeOutputRecord {
  steps: readonly PipeStep[];
  onOutput: NodeTarget;
  namespace: StepNamespace;
  wrong: readonly unknown[];
}

/**
 * `@pipeOutput(step(clip), step(round, { digits: value(2) }))` (Hamilton's
 * `@pipe_output`): the method's output passes through the steps before
 * anything consumes it: A → `B.raw` → B's steps → `B` → C.
 */
export function pipeOutput(...args: (PipeStep | PipeOutputOptions)[]): MethodDecorator {
  const { steps, options, wrong } = splitArguments<PipeOutputOptions>(args);
  return recordingDecorator('pipeOutput', { steps, onOutput: options.onOutput, namespace: options.namespace, wrong } satisfies PipeOutputRecord);
}

/**
 * A method's records with `steps` run after its @pipeOutput's (Hamilton's
 * @mutate adds them to the target's pipe_output), or in a new @pipeOutput.
 */
export function withOutputSteps(records: readonly DecoratorRecord[], steps: readonly PipeStep[]): DecoratorRecord[] {
  const at = records.findIndex((r) => r.kind === 'pipeOutput');
  if (at < 0) return [...records, { kind: 'pipeOutput', options: { steps, onOutput: undefined, namespace: undefined, wrong: [] } satisfies PipeOutputRecord }];
  const own = records[at].options as PipeOutputRecord;
  // The decorator's onOutput moves onto its own steps: it does not confine the added ones.
  const ownSteps = own.onOutput === undefined ? own.steps
    : own.steps.map((s) => new PipeStep(s.fn, s.bindings, { ...s.settings, target: s.settings.target ?? own.onOutput }));
  const options: PipeOutputRecord = { ...own, onOutput: undefined, steps: [...ownSteps, ...steps] };
  return records.map((r, i) => (i === at ? { kind: r.kind, options } : r));
}

/**
 * Step node names as Hamilton makes them: `<namespace>.<name>`, the name the
 * step's own or its function's (a repeated function gets `_1`, `_2`, …), the
 * namespace the decorator's, else the step's, else `defaultNamespace`.
 */
function stepNames(steps: readonly PipeStep[], decoratorNamespace: StepNamespace, defaultNamespace: string): string[] {
  const seen = new Map<string, number>();
  return steps.map((s, i) => {
    let name = s.stepName;
    if (name === undefined) {
      const base = s.fn.name || `step${i}`;
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      name = count === 0 ? base : `${base}_${count}`;
    }
    const namespace = decoratorNamespace !== undefined ? decoratorNamespace : s.settings.namespace !== undefined ? s.settings.namespace : defaultNamespace;
    return namespace === null ? name : `${namespace}.${name}`;
  });
}

/** The chained nodes of the steps, the first fed by `input`; `doc` describes step i of n. */
function stepNodes(
  node: Node,
  input: Dependency,
  steps: readonly PipeStep[],
  names: readonly string[],
  decorator: string,
  context: ExpansionContext,
  doc: (i: number, n: number) => string,
): Node[] {
  let previous = input.name;
  return steps.map((s, i) => {
    const name = names[i];
    const dependencies: Dependency[] = [{ name: previous, optional: false, type: input.type }];
    const constants: Record<string, unknown> = {};
    const sourced: string[] = [];
    for (const [key, binding] of Object.entries(s.bindings as Record<string, DependencySource>)) {
      if (binding instanceof LiteralValue) constants[key] = binding.value;
      else if (binding instanceof UpstreamSource) {
        dependencies.push({ name: binding.name, optional: false, type: UNKNOWN });
        sourced.push(key);
      } else throw context.error(decorator, `step '${name}' binds '${key}' to ${String(binding)}: use value(…) or source('…')`);
    }
    const fn = s.fn as (previous: unknown, args: Record<string, unknown>) => unknown;
    previous = name;
    return {
      ...node,
      name,
      dependencies,
      type: input.type,
      doc: doc(i, steps.length),
      fn: (value: unknown, ...rest: unknown[]) => fn(value, { ...constants, ...Object.fromEntries(sourced.map((k, j) => [k, rest[j]])) }),
    };
  });
}

export const pipeExpander: NodeExpander<PipeRecord> = {
  kind: 'pipe',
  stage: 'inject',
  expand(expansion, [record], context) {
    const steps = selectedSteps(record, 'pipe', context);
    const { on } = record;
    const extra: Node[] = [];
    const primary = expansion.primary.map((node) => {
      const index = on === undefined ? 0 : node.dependencies.findIndex((d) => d.name === on);
      const piped = node.dependencies[index];
      if (!piped) throw context.error('pipe', on ? `pipes '${on}', which is not a parameter of ${node.name}` : 'needs a method with at least one parameter');
      // Every step left out by the config: the parameter is fed as it was.
      if (steps.length === 0) return node;
      const names = stepNames(steps, record.namespace, node.name);
      const nodes = stepNodes(node, piped, steps, names, 'pipe', context, (i, n) => `Step ${i + 1} of ${n} applied to '${piped.name}' before ${node.name}.`);
      extra.push(...nodes);
      const dependencies = node.dependencies.map((d, i) => (i === index ? { ...d, name: nodes[nodes.length - 1].name } : d));
      return { ...node, dependencies };
    });
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};

/** Whether a step applies to this output: a step's own onOutput picks outputs, or else it applies to all. */
const appliesTo = (s: PipeStep, output: string) => {
  const target = s.settings.target;
  return target === undefined || (typeof target === 'string' ? target === output : target.includes(output));
};

/** `B` becomes `B.raw`, the steps follow it, and `B` passes the last step's value on under the old name. */
function pipedOutput(node: Node, steps: readonly PipeStep[], namespace: StepNamespace, context: ExpansionContext): Node[] {
  const raw: Node = { ...node, name: `${node.name}.raw` };
  const nodes = stepNodes(node, { name: raw.name, optional: false, type: node.type }, steps, stepNames(steps, namespace, node.name),
    'pipeOutput', context, (i, n) => `Step ${i + 1} of ${n} applied to the output of ${node.name}.`);
  const last = nodes[nodes.length - 1];
  const exit: Node = { ...node, dependencies: [{ name: last.name, optional: false, type: last.type }], fn: (value: unknown) => value };
  return [exit, raw, ...nodes];
}

export const pipeOutputExpander: NodeExpander<PipeOutputRecord> = {
  kind: 'pipeOutput',
  stage: 'transform',
  // Checks then guard the value consumers see, not the one before the steps.
  runsFirst: true,
  expand(expansion, [record], context) {
    const steps = selectedSteps(record, 'pipeOutput', context);
    const { onOutput } = record;
    const stepLevel = record.steps.find((s) => s.settings.target !== undefined);
    if (onOutput !== undefined && stepLevel) {
      // Hamilton's SingleTargetError: a step's target outside the decorator's would silently do nothing.
      throw context.error('pipeOutput', `sets onOutput on the decorator and on step ${stepLevel.stepName ?? stepLevel.fn.name}: choose one`);
    }
    const all = [...expansion.primary, ...expansion.extra];
    const chosen = new Set(targetNodes(all, onOutput, 'pipeOutput', context));
    // A step's own onOutput must name outputs too: a typo would otherwise pipe nothing.
    for (const s of record.steps) if (s.settings.target !== undefined) targetNodes(all, s.settings.target, 'pipeOutput', context);
    const added: Node[] = [];
    const pipeOne = (n: Node): Node => {
      const applying = chosen.has(n) ? steps.filter((s) => appliesTo(s, n.name)) : [];
      if (applying.length === 0) return n;
      const [exit, ...rest] = pipedOutput(n, applying, record.namespace, context);
      added.push(...rest);
      return exit;
    };
    const primary = expansion.primary.map(pipeOne);
    const extra = expansion.extra.map(pipeOne);
    return { primary, extra: [...extra, ...added] };
  },
};
