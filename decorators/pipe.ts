import type { Node } from '../runtime/graph/node';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';
import { selectedSteps, splitArguments, stepNames, stepNodes, type PipeDecoratorOptions, type PipeStep, type StepNamespace } from './pipe-step';
import type { HamiltonMethodDecorator } from './standard-decorators';

export { PipeStep, step, type PipeDecoratorOptions, type StepNamespace } from './pipe-step';

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
export function pipe(...args: (PipeStep | PipeDecoratorOptions)[]): HamiltonMethodDecorator {
  return pipeOn(undefined as never, ...args);
}

export function pipeOn(parameter: string, ...args: (PipeStep | PipeDecoratorOptions)[]): HamiltonMethodDecorator {
  const { steps, options, wrong } = splitArguments<PipeDecoratorOptions>(args);
  return recordingDecorator('pipe', { steps, on: parameter, namespace: options.namespace, wrong } satisfies PipeRecord);
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
