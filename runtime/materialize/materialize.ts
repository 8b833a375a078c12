import type { Driver, ExecuteOptions } from '../driver/driver';
import { InvalidRequestError } from '../driver/request-error';
import { describeValue } from '../values/values';
import { isMaterializer, SaverMaterializer, type Materializer } from './materializer';
import { materializersOf } from './materializer-spec';

/** What `materialize` takes after its materializers (Hamilton's keyword arguments). */
export interface MaterializeOptions extends Pick<ExecuteOptions, 'inputs' | 'overrides' | 'timeoutMs' | 'onFailedCheck'> {
  /** Other nodes to compute and return beside the savers' metadata (Hamilton's `additional_vars`). */
  additionalVars?: readonly string[];
}

/** Each saver's metadata by its id, and the `additionalVars` by name: Hamilton's `(materialization_results, results)`. */
export type MaterializeResult = [metadata: Record<string, Record<string, unknown>>, results: Record<string, unknown>];

const OPTION_KEYS = new Set(['inputs', 'overrides', 'timeoutMs', 'onFailedCheck', 'additionalVars']);

function split(args: readonly unknown[]): { materializers: Materializer[]; options: MaterializeOptions } {
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && !isMaterializer(last);
  const materializers = hasOptions ? args.slice(0, -1) : [...args];
  materializers.forEach((m, i) => {
    if (!isMaterializer(m)) throw new InvalidRequestError('materialize', 'materializers', `argument ${i + 1} is ${describeValue(m)}: pass from.<adapter>(…) and to.<adapter>(…) materializers, then the options`);
  });
  const options = (hasOptions ? last : {}) as MaterializeOptions;
  if (typeof options !== 'object' || options === null) throw new InvalidRequestError('materialize', 'options', `the options are ${describeValue(options)}: expected { additionalVars, inputs, overrides }`);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new InvalidRequestError('materialize', 'options', `options has '${key}', which materialize does not take: it takes ${[...OPTION_KEYS].join(', ')}`);
  }
  const extra = options.additionalVars ?? [];
  if (!Array.isArray(extra) || !extra.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new InvalidRequestError('materialize', 'additionalVars', `additionalVars must be an array of node names, got ${describeValue(extra)}`);
  }
  return { materializers: materializers as Materializer[], options };
}

/**
 * Hamilton's `Driver.materialize`: the driver's graph with the materializers'
 * loader and saver nodes added (beside those of `withMaterializers`) is built,
 * then every saver and each of `additionalVars` is computed on the driver's
 * executor, each value only once.
 */
export async function materialize<R>(driver: Driver<R>, args: readonly unknown[]): Promise<MaterializeResult> {
  const { materializers, options } = split(args);
  const { additionalVars = [], ...execute } = options;
  const all = [...materializersOf(driver.graph), ...materializers];
  const withNodes = materializers.length ? driver.withMaterializers(all) : driver;
  const ids = all.filter((m): m is SaverMaterializer => m instanceof SaverMaterializer).map((m) => m.id);
  const outputs = [...new Set([...ids, ...additionalVars])];
  if (outputs.length === 0) throw new InvalidRequestError('materialize', 'materializers', 'nothing to materialize: pass to.<adapter>(…) savers, or additionalVars');
  const values = await withNodes.rawExecute(outputs, execute);
  const metadata = Object.fromEntries(ids.map((id) => [id, values[id] as Record<string, unknown>]));
  const results = Object.fromEntries(additionalVars.map((name) => [name, values[name]]));
  return [metadata, results];
}
