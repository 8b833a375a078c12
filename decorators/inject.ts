import { bindParameters } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import type { DependencySource } from './dependency-source';
import type { NodeExpander } from './expansion';

/**
 * `@inject({ weights: group(source('w1'), source('w2')), scale: value(2) })`:
 * binds parameters of the one node the method makes, as @parameterize does
 * for many.
 */
export function inject(bindings: Readonly<Record<string, DependencySource>>): MethodDecorator {
  return recordingDecorator('inject', bindings);
}

export const injectExpander: NodeExpander<Record<string, DependencySource>> = {
  kind: 'inject',
  stage: 'inject',
  expand(expansion, [bindings], context) {
    return {
      primary: expansion.primary.map((node) => ({ ...node, ...bindParameters(node, bindings, context, 'inject') })),
      extra: expansion.extra,
    };
  },
};
