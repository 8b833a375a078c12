import { ConfigurationSource, GroupedSources, LiteralValue, UpstreamSource } from '../../../decorators/dependency-source';
import type { Dependency } from '../../graph/node';
import { UNKNOWN } from '../../contract/type-descriptor';
import { describeValue } from '../../values/values';

/**
 * An adapter option as a decorator or materializer is given it: a plain
 * value, `value(x)`, `source('node')` (read from another node or an input
 * when the loader or saver runs) or `configuration('key')` (the graph's
 * config value, fixed when the graph is built).
 */
export type OptionBinding<T> = T | LiteralValue | UpstreamSource | ConfigurationSource;

/** Each option of `O` may be bound: see OptionBinding. */
export type BindableOptions<O> = { [K in keyof O]: OptionBinding<O[K]> };

/**
 * Whether a binding is of the class, by identity or, for a module compiled
 * against another copy of hamilton-ts (a worker's dist/, a nested install), by
 * class name and kind.
 */
function is<C extends abstract new (...args: never[]) => { kind: string }>(value: unknown, cls: C): value is InstanceType<C> {
  if (value instanceof cls) return true;
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === 'object' && value !== null && value.constructor?.name === cls.name && typeof kind === 'string';
}

/** An adapter's options split into what is known at build time and what other nodes give at run time. */
export interface ResolvedOptions {
  readonly fixed: Readonly<Record<string, unknown>>;
  /** Options read from other nodes, in dependency order. */
  readonly sources: readonly { option: string; node: string }[];
}

/**
 * Splits bound options (Hamilton's `resolve_kwargs`): literal and config
 * values are fixed now, `source(...)` options become dependencies. A
 * `group(...)` or a missing config key is refused through `problem`.
 */
export function resolveOptions(
  options: Readonly<Record<string, unknown>>,
  config: Readonly<Record<string, unknown>>,
  problem: (detail: string) => Error,
): ResolvedOptions {
  const fixed: Record<string, unknown> = {};
  const sources: { option: string; node: string }[] = [];
  for (const [option, bound] of Object.entries(options)) {
    if (is(bound, UpstreamSource)) sources.push({ option, node: bound.name });
    else if (is(bound, LiteralValue)) fixed[option] = bound.value;
    else if (is(bound, ConfigurationSource)) {
      if (!Object.hasOwn(config, bound.key)) throw problem(`option '${option}' reads configuration('${bound.key}'), but the config has no '${bound.key}'`);
      fixed[option] = config[bound.key];
    } else if (is(bound, GroupedSources)) {
      throw problem(`option '${option}' is a group(...), which adapter options cannot take: use value(...), source(...) or configuration(...)`);
    } else if (bound !== undefined) fixed[option] = bound;
  }
  return { fixed, sources };
}

/** The dependencies the `source(...)` options add to a loader or saver node. */
export function sourceDependencies(resolved: ResolvedOptions): Dependency[] {
  return resolved.sources.map(({ node }) => ({ name: node, optional: false, type: UNKNOWN }));
}

/** The adapter's options for one run: the fixed ones and, by option name, the values the sources gave. */
export function optionsFor(resolved: ResolvedOptions, sourceValues: readonly unknown[]): Record<string, unknown> {
  const options: Record<string, unknown> = { ...resolved.fixed };
  resolved.sources.forEach(({ option }, i) => { options[option] = sourceValues[i]; });
  return options;
}

/** For messages: a metadata value that is not a plain record. */
export function isMetadata(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

export { describeValue };
