import type { Dependency, Node } from '../runtime/graph/node';
import { UNKNOWN } from '../runtime/contract/type-descriptor';
import { recordingDecorator } from './decorator-record';
import { LiteralValue, UpstreamSource, type DependencySource } from './dependency-source';
import type { ExpansionContext, NodeExpander } from './expansion';

/** One transformation in a @pipe: `fn(previous, args)`, with `args` bound by value(…) or source(…). */
export class PipeStep {
  constructor(
    readonly fn: (previous: never, args: never) => unknown,
    readonly bindings: Readonly<Record<string, LiteralValue | UpstreamSource>>,
    readonly stepName: string | undefined,
  ) {}

  /** Names the step's node `<method>.<name>` (default: the function's name). */
  named(name: string): PipeStep {
    return new PipeStep(this.fn, this.bindings, name);
  }
}

/** A @pipe step: `fn(previous, args)`, `args` typed as the function declares them (`{ max }: { max: number }`). */
export function step<P, A extends object, R>(
  fn: (previous: P, args: A) => R,
  bindings: Readonly<Record<string, LiteralValue | UpstreamSource>> = {},
): PipeStep {
  if (typeof fn !== 'function') throw new TypeError('step() takes the function to apply');
  return new PipeStep(fn as PipeStep['fn'], bindings, undefined);
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

function stepNodes(node: Node, piped: Dependency, steps: readonly PipeStep[], context: ExpansionContext): Node[] {
  let previous = piped.name;
  return steps.map((s, i) => {
    const name = `${node.name}.${s.stepName ?? (s.fn.name || `step${i}`)}`;
    const dependencies: Dependency[] = [{ name: previous, optional: false, type: piped.type }];
    const constants: Record<string, unknown> = {};
    const sourced: string[] = [];
    for (const [key, binding] of Object.entries(s.bindings as Record<string, DependencySource>)) {
      if (binding instanceof LiteralValue) constants[key] = binding.value;
      else if (binding instanceof UpstreamSource) {
        dependencies.push({ name: binding.name, optional: false, type: UNKNOWN });
        sourced.push(key);
      } else throw context.error('pipe', `step '${name}' binds '${key}' to ${String(binding)}: use value(…) or source('…')`);
    }
    const fn = s.fn as (previous: unknown, args: Record<string, unknown>) => unknown;
    previous = name;
    return {
      ...node,
      name,
      dependencies,
      type: piped.type,
      doc: `Step ${i + 1} of ${steps.length} applied to '${piped.name}' before ${node.name}.`,
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
      const nodes = stepNodes(node, piped, steps, context);
      extra.push(...nodes);
      const dependencies = node.dependencies.map((d, i) => (i === index ? { ...d, name: nodes[nodes.length - 1].name } : d));
      return { ...node, dependencies };
    });
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};
