import { recordingDecorator } from './decorator-record';
import type { DependencySource } from './dependency-source';
import type { MethodExpansion, NodeExpander } from './expansion';
import { reuse, type SubdagRecord } from './subdag';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** One subdag of @parameterizedSubdag: its inputs and config, over those shared by all. */
export interface SubdagParameterization {
  inputs?: Readonly<Record<string, DependencySource>>;
  config?: Readonly<Record<string, unknown>>;
}

interface ParameterizedSubdagRecord {
  modules: readonly unknown[];
  subdags: Readonly<Record<string, SubdagParameterization>>;
  shared: SubdagParameterization;
}

/**
 * `@parameterizedSubdag([Features], { euFeatures: { inputs: { raw: source('eu') } }, usFeatures: { … } })`:
 * one @subdag per key (Hamilton's `@parameterized_subdag`). Each reuses the
 * modules under the key as namespace, and the method's node is named by the
 * key. `shared` inputs and config apply to every subdag; a subdag's own win.
 */
export function parameterizedSubdag(
  modules: unknown | readonly unknown[],
  subdags: Readonly<Record<string, SubdagParameterization>>,
  shared: SubdagParameterization = {},
): HamiltonMethodDecorator {
  return recordingDecorator('parameterizedSubdag', {
    modules: Array.isArray(modules) ? modules : [modules], subdags, shared,
  } satisfies ParameterizedSubdagRecord);
}

export const parameterizedSubdagExpander: NodeExpander<ParameterizedSubdagRecord> = {
  kind: 'parameterizedSubdag',
  stage: 'create',
  expand(expansion, [{ modules, subdags, shared }], context) {
    const names = Object.keys(subdags);
    if (names.length === 0) throw context.error('parameterizedSubdag', 'names no subdag to make');
    if (expansion.primary.length === 0) return expansion;
    return names.reduce<MethodExpansion>((made, name) => {
      const own = subdags[name] ?? {};
      const options: SubdagRecord = {
        modules,
        inputs: { ...shared.inputs, ...own.inputs },
        config: { ...shared.config, ...own.config },
      };
      const one = reuse({ primary: expansion.primary, extra: [] }, options, name, name, context, 'parameterizedSubdag');
      return { primary: [...made.primary, ...one.primary], extra: [...made.extra, ...one.extra] };
    }, { primary: [], extra: [...expansion.extra] });
  },
};
