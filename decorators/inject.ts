import type { Node } from '../runtime/graph/node';
import { bindParameters, fillDocTemplate } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import { describeSource, type DependencySource } from './dependency-source';
import type { NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';

/**
 * `@inject({ weights: group(source('w1'), source('w2')), scale: value(2) })`:
 * binds parameters of the one node the method makes, as @parameterize does
 * for many. `{param}` placeholders in the doc are filled from the bindings.
 */
export function inject(bindings: Readonly<Record<string, DependencySource>>): HamiltonMethodDecorator {
  return recordingDecorator('inject', bindings);
}

export const injectExpander: NodeExpander<Record<string, DependencySource>> = {
  kind: 'inject',
  stage: 'inject',
  expand(expansion, [bindings], context) {
    // Bound first: bindParameters rejects what is no value(…), source(…) or group(…) before it is described.
    const bind = (node: Node): Node => ({ ...node, ...bindParameters(node, bindings, context, 'inject') });
    const filled = () => Object.fromEntries(Object.entries(bindings).map(([p, s]) => [p, describeSource(s)]));
    return {
      primary: expansion.primary.map((node) => ({ ...bind(node), doc: fillDocTemplate(node.doc, filled()) })),
      extra: expansion.extra,
    };
  },
};
