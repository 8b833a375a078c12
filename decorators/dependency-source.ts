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
  constructor(readonly members: readonly (LiteralValue | UpstreamSource)[]) {}
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
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`configuration() takes a config key, got ${String(key)}`);
  return new ConfigurationSource(key);
}

/** A fixed value for the parameter. */
export function value(v: unknown): LiteralValue {
  return new LiteralValue(v);
}

/** The parameter reads another node (or input) of this name. */
export function source(name: string): UpstreamSource {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`source() takes a node name, got ${String(name)}`);
  return new UpstreamSource(name);
}

/** The parameter receives an array: one element per member, in order. */
export function group(...members: (LiteralValue | UpstreamSource | string)[]): GroupedSources {
  return new GroupedSources(members.map((m) => (typeof m === 'string' ? new UpstreamSource(m) : m)));
}

export function isDependencySource(v: unknown): v is DependencySource {
  return v instanceof LiteralValue || v instanceof UpstreamSource || v instanceof GroupedSources;
}

/** For doc templates and messages: what a binding stands for. */
export function describeSource(s: DependencySource): string {
  if (s instanceof LiteralValue) return String(s.value);
  if (s instanceof UpstreamSource) return s.name;
  return s.members.map(describeSource).join(', ');
}
