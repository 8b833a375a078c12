import type { Node } from '../runtime/graph/node';
import { recordingDecorator, type DecoratorRecord } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import { targetNodes, type NodeTarget } from './node-targets';
import { PipeStep, selectedSteps, splitArguments, stepNames, stepNodes, type PipeDecoratorOptions, type StepNamespace } from './pipe-step';
import type { HamiltonMethodDecorator } from './standard-decorators';

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
export function pipeOutput(...args: (PipeStep | PipeOutputOptions)[]): HamiltonMethodDecorator {
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
