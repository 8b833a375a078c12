import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
/**
 * Where a bound parameter gets its value: Hamilton's `value`, `source` and
 * `group`, shared by @parameterize, @inject, @subdag and @pipe.
 */
export type DependencySource = LiteralValue | UpstreamSource | GroupedSources;

export class LiteralValue {
  readonly kind = 'value';
  constructor(readonly value: unknown) {}
}

export class UpstreamSource {
  readonly kind = 'source';
  constructor(readonly name: string) {}
}

export class GroupedSources {
  readonly kind = 'group';
  /** `keys` is set for the record form, `group({ a: source('x') })`: one key per member, in order. */
  constructor(readonly members: readonly (LiteralValue | UpstreamSource)[], readonly keys?: readonly string[]) {}
}

/** A config value read from the outer graph's config (for a subdag's config); see configuration(). */
export class ConfigurationSource {
  readonly kind = 'configuration';
  constructor(readonly key: string) {}
}

/**
 * `configuration('region')`: the outer config's value under `key`, as
 * Hamilton's `configuration`. In `@subdag({ config: { market: configuration('region') } })`
 * it remaps a key of the driver's config to the one the reused dataflow reads.
 */
export function configuration(key: string): ConfigurationSource {
  if (typeof key !== 'string' || key.length === 0) throw new DecoratorArgumentError('configuration()', `takes a config key (a non-empty string), got ${describeValue(key)}`);
  return new ConfigurationSource(key);
}

/** A fixed value for the parameter. */
export function value(v: unknown): LiteralValue {
  return new LiteralValue(v);
}

/** The parameter reads another node (or input) of this name. */
export function source(name: string): UpstreamSource {
  if (typeof name !== 'string' || name.length === 0) throw new DecoratorArgumentError('source()', `takes a node name (a non-empty string), got ${describeValue(name)}`);
  return new UpstreamSource(name);
}

type GroupMember = LiteralValue | UpstreamSource | string;
const member = (m: GroupMember) => (typeof m === 'string' ? new UpstreamSource(m) : m);

/**
 * `group(source('a'), value(1))`: the parameter receives an array, one element
 * per member in order. `group({ eu: source('euSales'), us: source('usSales') })`:
 * it receives a record, one field per key (Hamilton's `group(**kwargs)`).
 */
export function group(members: Readonly<Record<string, GroupMember>>): GroupedSources;
export function group(...members: GroupMember[]): GroupedSources;
export function group(...members: (GroupMember | Readonly<Record<string, GroupMember>>)[]): GroupedSources {
  const [first] = members;
  if (members.length === 1 && typeof first === 'object' && first !== null && !(first instanceof LiteralValue) && !(first instanceof UpstreamSource)) {
    const entries = Object.entries(first as Record<string, GroupMember>);
    return new GroupedSources(entries.map(([, m]) => member(m)), entries.map(([key]) => key));
  }
  return new GroupedSources((members as GroupMember[]).map(member));
}

export function isDependencySource(v: unknown): v is DependencySource {
  return v instanceof LiteralValue || v instanceof UpstreamSource || v instanceof GroupedSources;
}

/** For doc templates and messages: what a binding stands for. */
export function describeSource(s: DependencySource): string {
  if (s instanceof LiteralValue) return String(s.value);
  if (s instanceof UpstreamSource) return s.name;
  if (s.keys) return s.members.map((m, i) => `${s.keys![i]}=${describeSource(m)}`).join(', ');
  return s.members.map(describeSource).join(', ');
}
