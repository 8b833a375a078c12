import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import type { Dependency, Node } from '../runtime/graph/node';
import { UNKNOWN } from '../runtime/contract/type-descriptor';
import { holds, type Condition } from './config';
import { LiteralValue, UpstreamSource, type DependencySource } from './dependency-source';
import type { ExpansionContext } from './expansion';
import type { NodeTarget } from './node-targets';

export type Bindings = Readonly<Record<string, LiteralValue | UpstreamSource>>;

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

/** A @pipe / @pipeOutput step: `fn(previous, args)`, `args` typed as the function declares them (`{ max }: { max: number }`). */
export function step<P, A extends object, R>(fn: (previous: P, args: A) => R, bindings: Bindings = {}): PipeStep {
  if (typeof fn !== 'function') throw new DecoratorArgumentError('step()', `takes the function to apply, got ${describeValue(fn)}`);
  return new PipeStep(fn as PipeStep['fn'], bindings);
}

export interface PipeDecoratorOptions {
  /** The namespace of every step node (Hamilton's `namespace=`); a step may then set none of its own. */
  namespace?: StepNamespace;
}

/** The decorator's arguments: step(…)s, then an options object; anything else is kept to be reported at graph build. */
export function splitArguments<O extends object>(args: readonly unknown[]): { steps: PipeStep[]; options: O; wrong: unknown[] } {
  const steps = args.filter((a): a is PipeStep => a instanceof PipeStep);
  const objects = args.filter((a) => !(a instanceof PipeStep) && typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Object.prototype);
  const wrong = args.filter((a) => !(a instanceof PipeStep) && !objects.includes(a));
  return { steps, options: Object.assign({}, ...objects) as O, wrong: objects.length > 1 ? [...wrong, objects[1]] : wrong };
}

const describeArgument = (a: unknown) => (typeof a === 'function' ? a.name || 'a function' : typeof a === 'object' && a !== null ? 'a second options object' : JSON.stringify(a) ?? String(a));

/** Checks the decorator's arguments and namespaces, and keeps the steps the config selects. */
export function selectedSteps(
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

/**
 * Step node names as Hamilton makes them: `<namespace>.<name>`, the name the
 * step's own or its function's (a repeated function gets `_1`, `_2`, …), the
 * namespace the decorator's, else the step's, else `defaultNamespace`.
 */
export function stepNames(steps: readonly PipeStep[], decoratorNamespace: StepNamespace, defaultNamespace: string): string[] {
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
export function stepNodes(
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
