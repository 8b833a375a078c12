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
