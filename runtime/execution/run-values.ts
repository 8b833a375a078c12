import { ColumnLengthError, ConfigInputConflictError, InputShadowsNodeError, InputTypeError, UnknownNodeError } from '../errors';
import type { ExecutionPlan } from './execution-plan';
import type { FunctionGraph } from '../graph/graph';
import type { Dependency, Node } from '../graph/node';
import { checkValue } from '../values/value-check';
import { toItems } from './fan-out';
import { columnArray, isArrowColumn, isTable, tableColumns, type Table } from '../values/values';

export type Inputs = Table | Readonly<Record<string, unknown>>;

/**
 * Everything a run starts from, by name: config and inputs (a name in both is
 * an error), then overrides, which replace either on purpose. A config value
 * named as a node replaces the node, as in Hamilton; one that no node reads,
 * like an input no node reads, can still be requested as an output.
 */
export function providedValues(
  graph: FunctionGraph,
  config: Readonly<Record<string, unknown>>,
  inputs: Inputs | undefined,
  overrides: Readonly<Record<string, unknown>> | undefined,
): Map<string, unknown> {
  const provided = new Map<string, unknown>();
  for (const [name, value] of Object.entries(config)) provided.set(name, value);
  const inputRecord = inputs === undefined ? {} : isTable(inputs) ? tableColumns(inputs) : inputs;
  const inConfig = Object.keys(inputRecord).filter((name) => Object.hasOwn(config, name));
  if (inConfig.length) throw new ConfigInputConflictError(inConfig);
  const shadowing: Node[] = [];
  for (const [name, value] of Object.entries(inputRecord)) {
    const node = graph.nodes.get(name);
    if (node) shadowing.push(node);
    else provided.set(name, asArray(value));
  }
  if (shadowing.length) throw new InputShadowsNodeError(shadowing);
  if (overrides) {
    const unknown = Object.keys(overrides).filter((name) => !graph.slotOf.has(name));
    if (unknown.length) throw new UnknownNodeError(unknown, graph.slotOf.keys(), 'override');
    for (const [name, value] of Object.entries(overrides)) provided.set(name, asArray(value));
  }
  return provided;
}

/** An Arrow column object (`arrowTable.column(name)`) as the array nodes receive, as for columns of tables. */
function asArray(value: unknown): unknown {
  return isArrowColumn(value) ? columnArray(value) : value;
}

interface ValueCheck {
  slot: number;
  consumer: Node;
  dependency: Dependency;
  role: 'input' | 'override';
}

/** The checks a plan's provided values must pass: each against every parameter in the plan that reads it. */
export function valueChecksFor(plan: ExecutionPlan): ValueCheck[] {
  const { graph } = plan;
  const inPlan = new Uint8Array(graph.nameAt.length);
  for (const slot of plan.steps) inPlan[slot] = 1;
  const checks: ValueCheck[] = [];
  for (const slot of plan.providedSlots) {
    if (slot < graph.nodeCount) {
      // An override: it stands in for the node, so it must be what the node returns.
      const node = graph.nodeAt[slot];
      checks.push({ slot, consumer: node, dependency: { name: node.name, optional: false, type: node.type }, role: 'override' });
      continue;
    }
    // One check per declared type: three nodes reading `spend: Column<number>` scan it once.
    const seen = new Set<string>();
    for (const { node, dependency } of graph.inputs.get(graph.nameAt[slot])!.consumers) {
      if (!inPlan[graph.slotOf.get(node.name)!]) continue;
      const key = `${dependency.optional}:${JSON.stringify(dependency.type)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      checks.push({ slot, consumer: node, dependency, role: 'input' });
    }
  }
  return checks;
}

/** A check of a provided value in place of checkValue (a lifecycle adapter's validateInput): a problem's text, or undefined. */
export type InputValidation = (input: { name: string; value: unknown; type: Dependency['type']; dependency: Dependency; consumer: Node }) => string | undefined;

/** Every provided value has the kind its readers declare, and all `Column` inputs share one length. */
export function checkProvidedValues(checks: readonly ValueCheck[], values: readonly unknown[], validate?: InputValidation): void {
  const columnLengths: Record<string, number> = {};
  for (const { slot, consumer, dependency, role } of checks) {
    const value = values[slot];
    if (value === undefined && dependency.optional) continue;
    const problem = validate ? validate({ name: dependency.name, value, type: dependency.type, dependency, consumer }) : checkValue(value, dependency.type);
    if (problem) throw new InputTypeError(dependency.name, dependency.type, problem, consumer, role);
    if (dependency.type.kind === 'column') columnLengths[dependency.name] = (value as ArrayLike<unknown>).length;
  }
  if (new Set(Object.values(columnLengths)).size > 1) throw new ColumnLengthError(columnLengths, 'the Column inputs of one run');
}

/**
 * A value provided for a Parallelizable node (an override, a config value)
 * stands in for what the node returns: its items, fanned out as the node's
 * own would be, so they are made an array here, as the node's are once it ran.
 */
export function itemsInPlaceOfNodes(plan: ExecutionPlan, values: unknown[]): void {
  const { graph } = plan;
  for (const slot of plan.providedSlots) {
    if (slot >= graph.nodeCount) continue;
    const node = graph.nodeAt[slot];
    if (node.type.kind !== 'parallelizable') continue;
    const items = toItems(values[slot]);
    if (!items) throw new InputTypeError(node.name, node.type, `${String(values[slot])}, not an iterable of its items`, node, 'override');
    values[slot] = items;
  }
}
