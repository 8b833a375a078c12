import type { Node } from '../runtime/graph/node';
import { DecoratorError } from '../runtime/errors';
import type { DecoratorRecord } from './decorator-record';
import { noteResolvedDecorators, type MethodDefaults } from '../runtime/graph/module-nodes';

/**
 * Expanders run in this order, whatever order the decorators are written in:
 * resolve (@config.when… keeps or drops the method), create (@does, @subdag
 * replace what computes it), inject (@inject, @pipe bind its parameters),
 * expand (@parameterize… makes many nodes, @extractColumns / @extractFields /
 * @unpackFields add nodes), transform (@checkOutput puts validators after each node),
 * decorate (@tag, @tagOutputs label the nodes the method finally produces).
 */
export const STAGES = ['resolve', 'create', 'inject', 'expand', 'transform', 'decorate'] as const;
export type Stage = typeof STAGES[number];

/** What one method has become so far: the nodes computing its output(s), and nodes added beside them. */
export interface MethodExpansion {
  primary: Node[];
  extra: Node[];
}

/** A method's config variant that the config left out: kept so that a missing node can say why. */
export interface RemovedVariant {
  name: string;
  className: string;
  method: string;
  condition: string;
}

export interface ExpansionContext {
  readonly config: Readonly<Record<string, unknown>>;
  readonly className: string;
  readonly method: string;
  /** Where the method is written (`features.ts:14`), for errors about how it is written. */
  readonly location: string;
  /** Builds the plain nodes of other modules under a config (for @subdag). */
  readonly loadModules: (modules: readonly unknown[], config: Readonly<Record<string, unknown>>) => Node[];
  readonly removedVariants: RemovedVariant[];
  /** The method's default parameter values, when it has any (for @does, which calls another function in its place). */
  readonly defaults?: MethodDefaults;
  /** An error that names the class, the method and the decorator. */
  error(decorator: string, detail: string): DecoratorError;
}

export interface NodeExpander<O = unknown> {
  /** The decorator's name as users write it (`parameterize`). */
  readonly kind: string;
  readonly stage: Stage;
  /** May be written more than once on one method (all records reach `expand` together). */
  readonly repeatable?: boolean;
  /** Runs before the other expanders of its stage, whatever the written order (@pipeOutput before @checkOutput). */
  readonly runsFirst?: boolean;
  expand(expansion: MethodExpansion, options: readonly O[], context: ExpansionContext): MethodExpansion;
}

/**
 * Turns one method's plain node into the nodes its decorators stand for.
 * Expanders of one stage conflict when two of them would each decide the
 * same thing (two ways to compute the node, two ways to multiply it).
 */
export function expandMethod(
  base: Node,
  records: readonly DecoratorRecord[],
  expanders: ReadonlyMap<string, NodeExpander>,
  context: ExpansionContext,
): Node[] {
  const byKind = new Map<string, unknown[]>();
  const resolved = resolveRecords(records, context);
  if (records.some((r) => r.kind === 'resolve')) noteResolvedDecorators(base.origin, resolved);
  for (const record of resolved) {
    const expander = expanders.get(record.kind);
    if (!expander) throw context.error(record.kind, 'is not a decorator this version of hamilton-ts knows');
    const list = byKind.get(record.kind) ?? [];
    if (list.length && !expander.repeatable) throw context.error(record.kind, 'may be used only once on a method');
    list.push(record.options);
    byKind.set(record.kind, list);
  }
  checkConflicts([...byKind.keys()].map((k) => expanders.get(k)!), context);
  let expansion: MethodExpansion = { primary: [base], extra: [] };
  const ordered = [...byKind].sort(([a], [b]) => Number(expanders.get(b)!.runsFirst ?? false) - Number(expanders.get(a)!.runsFirst ?? false));
  for (const stage of STAGES) {
    for (const [kind, options] of ordered) {
      const expander = expanders.get(kind)!;
      if (expander.stage === stage) expansion = expander.expand(expansion, options, context);
    }
  }
  return [...expansion.primary, ...expansion.extra];
}

/** Stages where two different decorators on one method would contradict each other. */
const EXCLUSIVE_STAGES: readonly Stage[] = ['create'];
const EXCLUSIVE_GROUPS: readonly (readonly string[])[] = [
  ['parameterize', 'parameterizeValues', 'parameterizeSources', 'parameterizeExtractColumns'],
  ['extractColumns', 'extractFields', 'unpackFields', 'parameterizeExtractColumns'],
];

function checkConflicts(present: NodeExpander[], context: ExpansionContext): void {
  const kinds = present.map((e) => e.kind);
  for (const stage of EXCLUSIVE_STAGES) {
    const inStage = present.filter((e) => e.stage === stage).map((e) => e.kind);
    if (inStage.length > 1) throw context.error(inStage[1], `conflicts with @${inStage[0]}: both replace how the node is computed`);
  }
  for (const group of EXCLUSIVE_GROUPS) {
    const used = group.filter((k) => kinds.includes(k));
    if (used.length > 1) throw context.error(used[1], `conflicts with @${used[0]}: use one of them per method`);
  }
}

/**
 * `@resolve(config => decorator)` records stand for the decorators their
 * function returns for this graph's config: replace them before expanding.
 */
function resolveRecords(records: readonly DecoratorRecord[], context: ExpansionContext): DecoratorRecord[] {
  return records.flatMap((record) => {
    if (record.kind !== 'resolve') return [record];
    let made: unknown;
    try {
      made = (record.options as (config: Readonly<Record<string, unknown>>) => unknown)(context.config);
    } catch (error) {
      throw context.error('resolve', `failed to make decorators from the config: ${(error as Error)?.message ?? error}`);
    }
    const decorators = Array.isArray(made) ? made : [made];
    return decorators.map((d) => {
      const inner = (d as { record?: DecoratorRecord } | undefined)?.record;
      if (!inner) throw context.error('resolve', 'must return hamilton-ts decorators (such as parameterize(...)), or an array of them');
      if (inner.kind === 'resolve') throw context.error('resolve', 'cannot return another @resolve');
      return inner;
    });
  });
}
