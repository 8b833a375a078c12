import type { Dependency, Node } from '../runtime/graph/node';
import { UNKNOWN } from '../runtime/contract/type-descriptor';
import { recordingDecorator } from './decorator-record';
import { LiteralValue, UpstreamSource, type DependencySource } from './dependency-source';
import type { ExpansionContext, NodeExpander } from './expansion';
import { targetNodes, type NodeTarget } from './node-targets';

type Bindings = Readonly<Record<string, LiteralValue | UpstreamSource>>;

interface StepSettings {
  readonly stepName?: string;
  /** The outputs of the method a @pipeOutput step applies to (Hamilton's `step(…).on_output`). */
  readonly target?: NodeTarget;
}

/** One transformation in a @pipe / @pipeOutput: `fn(previous, args)`, with `args` bound by value(…) or source(…). */
export class PipeStep {
  constructor(
    readonly fn: (previous: never, args: never) => unknown,
    readonly bindings: Bindings,
    readonly settings: StepSettings = {},
  ) {}

  get stepName(): string | undefined {
    return this.settings.stepName;
  }

  /** Names the step's node `<method>.<name>` (default: the function's name). */
  named(name: string): PipeStep {
    return new PipeStep(this.fn, this.bindings, { ...this.settings, stepName: name });
  }

  /** In a @pipeOutput: applies the step to these outputs of the method only (of @extractFields / @extractColumns). */
  onOutput(target: string | readonly string[]): PipeStep {
    return new PipeStep(this.fn, this.bindings, { ...this.settings, target });
  }
}

/** A @pipe step: `fn(previous, args)`, `args` typed as the function declares them (`{ max }: { max: number }`). */
export function step<P, A extends object, R>(fn: (previous: P, args: A) => R, bindings: Bindings = {}): PipeStep {
  if (typeof fn !== 'function') throw new TypeError('step() takes the function to apply');
  return new PipeStep(fn as PipeStep['fn'], bindings);
}

interface PipeOptions {
  steps: readonly PipeStep[];
  on: string | undefined;
}

/**
 * `@pipe(step(dropOutliers), step(clip, { max: value(100) }))`: the method's
 * first parameter (or `pipeOn('name', …)`'s) passes through each step in
 * order before the method sees it. Each step is a node of its own,
 * `<method>.<step>`, so it shows in listings and can be requested.
 */
export function pipe(...steps: PipeStep[]): MethodDecorator {
  return recordingDecorator('pipe', { steps, on: undefined });
}

export function pipeOn(parameter: string, ...steps: PipeStep[]): MethodDecorator {
  return recordingDecorator('pipe', { steps, on: parameter });
}

export interface PipeOutputOptions {
  /** The outputs of the method to pipe (of @extractFields / @extractColumns); default: every final one. */
  onOutput?: string | readonly string[];
}

interface PipeOutputRecord {
  steps: readonly PipeStep[];
  onOutput: NodeTarget;
}

/**
 * `@pipeOutput(step(clip), step(round, { digits: value(2) }))` (Hamilton's
 * `@pipe_output`): the method's output passes through the steps before
 * anything consumes it: A → `B.raw` → B's steps → `B` → C.
 */
export function pipeOutput(...args: (PipeStep | PipeOutputOptions)[]): MethodDecorator {
  const steps = args.filter((a): a is PipeStep => a instanceof PipeStep);
  const options = (args.find((a) => !(a instanceof PipeStep)) ?? {}) as PipeOutputOptions;
  return recordingDecorator('pipeOutput', { steps, onOutput: options.onOutput } satisfies PipeOutputRecord);
}

/** The chained nodes of the steps, the first fed by `input`; `doc` describes step i of n. */
function stepNodes(
  node: Node,
  input: Dependency,
  steps: readonly PipeStep[],
  decorator: string,
  context: ExpansionContext,
  doc: (i: number, n: number) => string,
): Node[] {
  let previous = input.name;
  return steps.map((s, i) => {
    const name = `${node.name}.${s.stepName ?? (s.fn.name || `step${i}`)}`;
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

export const pipeExpander: NodeExpander<PipeOptions> = {
  kind: 'pipe',
  stage: 'inject',
  expand(expansion, [{ steps, on }], context) {
    if (steps.length === 0) throw context.error('pipe', 'has no steps');
    const extra: Node[] = [];
    const primary = expansion.primary.map((node) => {
      const index = on === undefined ? 0 : node.dependencies.findIndex((d) => d.name === on);
      const piped = node.dependencies[index];
      if (!piped) throw context.error('pipe', on ? `pipes '${on}', which is not a parameter of ${node.name}` : 'needs a method with at least one parameter');
      const nodes = stepNodes(node, piped, steps, 'pipe', context, (i, n) => `Step ${i + 1} of ${n} applied to '${piped.name}' before ${node.name}.`);
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
function pipedOutput(node: Node, steps: readonly PipeStep[], context: ExpansionContext): Node[] {
  const raw: Node = { ...node, name: `${node.name}.raw` };
  const nodes = stepNodes(node, { name: raw.name, optional: false, type: node.type }, steps, 'pipeOutput', context,
    (i, n) => `Step ${i + 1} of ${n} applied to the output of ${node.name}.`);
  const last = nodes[nodes.length - 1];
  const exit: Node = { ...node, dependencies: [{ name: last.name, optional: false, type: last.type }], fn: (value: unknown) => value };
  return [exit, raw, ...nodes];
}

export const pipeOutputExpander: NodeExpander<PipeOutputRecord> = {
  kind: 'pipeOutput',
  stage: 'transform',
  // Checks then guard the value consumers see, not the one before the steps.
  runsFirst: true,
  expand(expansion, [{ steps, onOutput }], context) {
    if (steps.length === 0) throw context.error('pipeOutput', 'has no steps');
    const stepLevel = steps.find((s) => s.settings.target !== undefined);
    if (onOutput !== undefined && stepLevel) {
      // Hamilton's SingleTargetError: a step's target outside the decorator's would silently do nothing.
      throw context.error('pipeOutput', `sets onOutput on the decorator and on step ${stepLevel.stepName ?? stepLevel.fn.name}: choose one`);
    }
    const chosen = new Set(targetNodes([...expansion.primary, ...expansion.extra], onOutput, 'pipeOutput', context));
    const added: Node[] = [];
    const pipeOne = (n: Node): Node => {
      const applying = chosen.has(n) ? steps.filter((s) => appliesTo(s, n.name)) : [];
      if (applying.length === 0) return n;
      const [exit, ...rest] = pipedOutput(n, applying, context);
      added.push(...rest);
      return exit;
    };
    const primary = expansion.primary.map(pipeOne);
    const extra = expansion.extra.map(pipeOne);
    return { primary, extra: [...extra, ...added] };
  },
};
