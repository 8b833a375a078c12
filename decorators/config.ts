import type { Node } from '../runtime/graph/node';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

type Condition =
  | { op: 'when'; values: Record<string, unknown> }
  | { op: 'whenNot'; values: Record<string, unknown> }
  | { op: 'whenIn'; values: Record<string, readonly unknown[]> }
  | { op: 'whenNotIn'; values: Record<string, readonly unknown[]> };

function holds(condition: Condition, config: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(condition.values).every(([key, expected]) => {
    const actual = Object.hasOwn(config, key) ? config[key] : undefined;
    switch (condition.op) {
      case 'when': return actual === expected;
      case 'whenNot': return actual !== expected;
      case 'whenIn': return (expected as readonly unknown[]).includes(actual);
      case 'whenNotIn': return !(expected as readonly unknown[]).includes(actual);
    }
  });
}

export function describeCondition(conditions: readonly Condition[]): string {
  return conditions.map((c) => `${c.op}(${Object.entries(c.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`).join(' and ');
}

/**
 * `@config.when({ clf: 'logistic' })`: the method is a node only under
 * matching config. Write several implementations of one node as
 * `name__variant` methods; the suffix is dropped from the node name.
 * Several config decorators on one method must all hold.
 */
export const config = {
  when: (values: Record<string, unknown>) => recordingDecorator('config', { op: 'when', values }),
  whenNot: (values: Record<string, unknown>) => recordingDecorator('config', { op: 'whenNot', values }),
  whenIn: (values: Record<string, readonly unknown[]>) => recordingDecorator('config', { op: 'whenIn', values }),
  whenNotIn: (values: Record<string, readonly unknown[]>) => recordingDecorator('config', { op: 'whenNotIn', values }),
};

/** The node name a method stands for: `prefitClf__logreg` is a variant of `prefitClf`. */
export function variantBaseName(method: string): string {
  const cut = method.indexOf('__');
  return cut > 0 ? method.slice(0, cut) : method;
}

export const configExpander: NodeExpander<Condition> = {
  kind: 'config',
  stage: 'resolve',
  repeatable: true,
  expand(expansion, conditions, context) {
    const condition = describeCondition(conditions);
    const name = variantBaseName(context.method);
    if (!conditions.every((c) => holds(c, context.config))) {
      context.removedVariants.push({ name, className: context.className, method: context.method, condition });
      return { primary: [], extra: [] };
    }
    const rename = (n: Node): Node => ({ ...n, name: n.name === context.method ? name : n.name, variant: condition });
    return { primary: expansion.primary.map(rename), extra: expansion.extra };
  },
};
