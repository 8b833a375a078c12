import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';

interface DoesOptions {
  fn: (args: Record<string, unknown>) => unknown;
  argumentMapping: Readonly<Record<string, string>>;
}

/**
 * `@does(sumAll)`: the node is computed by `fn` rather than by the method's
 * body, so one function can serve many nodes. `fn` receives the method's
 * parameters as one record; `argumentMapping` (`{ fnKey: 'methodParam' }`)
 * renames them on the way.
 */
export function does<A extends object, R>(fn: (args: A) => R, argumentMapping: Readonly<Record<string, string>> = {}): HamiltonMethodDecorator {
  if (typeof fn !== 'function') throw new DecoratorArgumentError('@does', `takes the function that computes the node, got ${describeValue(fn)}`);
  return recordingDecorator('does', { fn: fn as DoesOptions['fn'], argumentMapping });
}

export const doesExpander: NodeExpander<DoesOptions> = {
  kind: 'does',
  stage: 'create',
  expand(expansion, [{ fn, argumentMapping }], context) {
    const { defaults } = context;
    if (defaults && !defaults.apply) {
      throw context.error('does', `cannot pass on the default value of ${defaults.parameters.map((p) => `'${p}'`).join(', ')}: `
        + 'compile the class with the hamilton-ts transformer (which records how to evaluate defaults), or give the default in the function instead');
    }
    // The node passes `undefined` for an optional input nobody gave; the method's parameter list makes it the default.
    const withDefaults = defaults?.apply ?? ((args: readonly unknown[]) => args);
    return {
      primary: expansion.primary.map((node) => {
        const params = node.dependencies.map((d) => d.name);
        const unknown = Object.values(argumentMapping).filter((p) => !params.includes(p));
        if (unknown.length) throw context.error('does', `maps ${unknown.map((u) => `'${u}'`).join(', ')}, which the method does not take`);
        const keyOf = new Map(Object.entries(argumentMapping).map(([key, param]) => [param, key]));
        const keys = params.map((p) => keyOf.get(p) ?? p);
        return {
          ...node,
          fn: (...args: unknown[]) => {
            const values = withDefaults(args);
            return fn(Object.fromEntries(keys.map((k, i) => [k, values[i]])));
          },
        };
      }),
      extra: expansion.extra,
    };
  },
};
