import type { Dependency, Node } from '../runtime/graph/node';
import { formatType, tupleElement, UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { describeSource, GroupedSources, LiteralValue, UpstreamSource, type DependencySource } from './dependency-source';
import type { ExpansionContext } from './expansion';

/** How one original parameter gets its argument: from a dependency, a constant, or a group of them. */
type ArgumentPlan = { dep: number } | { constant: unknown } | { parts: ({ dep: number } | { constant: unknown })[]; keys?: readonly string[] };

/**
 * Rewires a node's parameters: `value(x)` fixes one (it stops being a
 * dependency), `source('n')` feeds it from another node, `group(...)` feeds
 * it an array. Parameters left unbound stay dependencies as they were.
 */
export function bindParameters(
  node: Node,
  bindings: Readonly<Record<string, DependencySource>>,
  context: ExpansionContext,
  decorator: string,
): Pick<Node, 'dependencies' | 'fn'> {
  const params = new Set(node.dependencies.map((d) => d.name));
  const unknown = Object.keys(bindings).filter((name) => !params.has(name));
  if (unknown.length) {
    throw context.error(decorator, `binds ${unknown.map((u) => `'${u}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a parameter' : 'are not parameters'} `
      + `of ${node.name}(${[...params].join(', ')})`);
  }
  const dependencies: Dependency[] = [];
  const depIndex = (name: string, optional: boolean, type: TypeDescriptor): number => {
    const existing = dependencies.findIndex((d) => d.name === name);
    if (existing >= 0) return existing;
    dependencies.push({ name, optional, type });
    return dependencies.length - 1;
  };
  const plans: ArgumentPlan[] = node.dependencies.map((d) => {
    const binding = Object.hasOwn(bindings, d.name) ? bindings[d.name] : undefined;
    if (binding === undefined) return { dep: depIndex(d.name, d.optional, d.type) };
    if (binding instanceof LiteralValue) return { constant: binding.value };
    if (binding instanceof UpstreamSource) return { dep: depIndex(binding.name, false, d.type) };
    if (binding instanceof GroupedSources && binding.keys) return groupedRecordPlan(d, binding, binding.keys, depIndex, context, decorator);
    if (binding instanceof GroupedSources) {
      if (!takesArray(d.type)) {
        throw context.error(decorator, `binds '${d.name}' to group(${describeSource(binding)}), which hands it an array, `
          + `but ${node.name} declares ${d.name}: ${formatType(d.type)}`);
      }
      const t = d.type;
      const memberType = (i: number): TypeDescriptor => (t.kind === 'array' || t.kind === 'column' ? t.element : t.kind === 'tuple' ? tupleElement(t, i) ?? UNKNOWN : UNKNOWN);
      return {
        parts: binding.members.map((m, i) => (m instanceof LiteralValue ? { constant: m.value } : { dep: depIndex(m.name, false, memberType(i)) })),
      };
    }
    throw context.error(decorator, `binds '${d.name}' to ${String(binding)}: use value(…), source('…') or group(…)`);
  });
  const inner = node.fn;
  const argument = (plan: { dep: number } | { constant: unknown }, args: unknown[]) => ('dep' in plan ? args[plan.dep] : plan.constant);
  const grouped = (plan: Extract<ArgumentPlan, { parts: unknown }>, args: unknown[]) => {
    const values = plan.parts.map((p) => argument(p, args));
    return plan.keys ? Object.fromEntries(plan.keys.map((key, i) => [key, values[i]])) : values;
  };
  const fn = (...args: unknown[]) => inner(...plans.map((plan) => ('parts' in plan ? grouped(plan, args) : argument(plan, args))));
  return { dependencies, fn };
}

/** `group({ key: source('n') })`: a record parameter, each field typed from the parameter's record type. */
function groupedRecordPlan(
  d: Dependency,
  binding: GroupedSources,
  keys: readonly string[],
  depIndex: (name: string, optional: boolean, type: TypeDescriptor) => number,
  context: ExpansionContext,
  decorator: string,
): ArgumentPlan {
  const t = d.type;
  if (t.kind !== 'record' && t.kind !== 'object' && t.kind !== 'unknown') {
    throw context.error(decorator, `binds '${d.name}' to group({ ${keys.join(', ')} }), a record, but '${d.name}' is ${formatType(t)}`);
  }
  const fieldType = (key: string) => (t.kind === 'record' ? t.fields?.[key] ?? t.values ?? UNKNOWN : UNKNOWN);
  return {
    parts: binding.members.map((m, i) => (m instanceof LiteralValue ? { constant: m.value } : { dep: depIndex(m.name, false, fieldType(keys[i])) })),
    keys,
  };
}

/** Whether a parameter of this declared type can receive group()'s array (an unknown type might). */
function takesArray(type: TypeDescriptor): boolean {
  switch (type.kind) {
    case 'unknown': case 'array': case 'column': case 'collect': case 'tuple': return true;
    case 'union': return type.options.some(takesArray);
    default: return false;
  }
}

/**
 * Fills `{param}` placeholders in a doc from the bound values; a placeholder
 * nothing binds becomes its name (as Hamilton's docs read), never a literal `{param}`.
 */
export function fillDocTemplate(doc: string, values: Readonly<Record<string, string>>): string {
  return doc.replace(/\{(\w+)\}/g, (_match, name: string) => (Object.hasOwn(values, name) ? values[name] : name));
}
