import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { HamiltonMethodDecorator } from './standard-decorators';

/**
 * `@resolve(config => parameterize(...))`: decorators made from the config
 * when the graph is built, as Hamilton's `@resolve`. The shape of the graph
 * can then follow the config (one node per region listed there), and every
 * worker that builds the graph from the same config gets the same nodes.
 */
export function resolve(makeDecorators: (config: Readonly<Record<string, unknown>>) => MethodDecorator | readonly MethodDecorator[]): HamiltonMethodDecorator {
  if (typeof makeDecorators !== 'function') throw new DecoratorArgumentError('@resolve', `takes a function from the config to decorators, got ${describeValue(makeDecorators)}`);
  return recordingDecorator('resolve', makeDecorators);
}
