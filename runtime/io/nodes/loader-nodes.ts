import type { TypeDescriptor } from '../../contract/type-descriptor';
import type { Node } from '../../graph/node';
import { runLoader } from '../adapters/run-adapter';
import type { DataLoader } from '../adapters/data-adapter';
import { isMetadata, optionsFor, sourceDependencies, type ResolvedOptions } from './adapter-bindings';
import { AdapterResultError } from './io-node-errors';
import { loaderTags } from './io-tags';

/** The metadata record a loader or saver returns (AdapterMetadata: path, rows, columns, bytes, ms …). */
export const METADATA_TYPE: TypeDescriptor = { kind: 'record', values: { kind: 'unknown' } };

/** The names of the nodes one loader makes. */
export interface LoaderNames {
  /** Gives `[value, metadata]`. */
  load: string;
  /** Gives the value alone: what the consumer reads. */
  select: string;
  /** Gives the metadata alone (a record, for listings and `RecordResult`). */
  metadata: string;
}

/** Hamilton's `<fn>.load_data.<param>` and `<fn>.select_data.<param>`, and ours `<fn>.load_metadata.<param>`. */
export function decoratorLoaderNames(method: string, param: string): LoaderNames {
  return { load: `${method}.load_data.${param}`, select: `${method}.select_data.${param}`, metadata: `${method}.load_metadata.${param}` };
}

export interface LoaderNodesSpec {
  loader: DataLoader<any, any>;
  options: ResolvedOptions;
  names: LoaderNames;
  /** The parameter (or input) the value feeds, for the tags. */
  param: string;
  type: TypeDescriptor;
  /** Where the nodes come from, for messages. */
  from: Pick<Node, 'source' | 'origin'>;
}

/** `[value, metadata]` checked: a loader returning another shape fails its node with an AdapterResultError. */
export function checkedLoad(node: string, adapter: string, result: unknown): [unknown, Record<string, unknown>] {
  if (!Array.isArray(result) || result.length !== 2 || !isMetadata(result[1])) {
    throw new AdapterResultError(node, adapter, '[value, metadata] (a metadata record second)', result);
  }
  return result as [unknown, Record<string, unknown>];
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown>)?.then === 'function';

/** The loader with its result's shape checked before runLoader reads it. */
function shapeChecked(loader: DataLoader<any, any>, node: string): DataLoader<any, any> {
  const checked = Object.create(loader) as DataLoader<any, any>;
  checked.load = (options, context) => {
    const result = loader.load(options, context);
    return (isThenable(result) ? Promise.resolve(result).then((r) => checkedLoad(node, loader.name, r)) : checkedLoad(node, loader.name, result)) as never;
  };
  return checked;
}

/**
 * The nodes of one loader: `load` runs the adapter (runLoader: options
 * checked, the value's kind and declared table schema checked, failures
 * naming the node, adapter and path) with its fixed options and those read
 * from `source(...)` nodes, and gives `[value, metadata]`; `select` and
 * `metadata` each take one half of it.
 */
export function loaderNodes(spec: LoaderNodesSpec): Node[] {
  const { options, names, param, type, from } = spec;
  const adapter = spec.loader.name;
  const loader = shapeChecked(spec.loader, names.load);
  const classname = spec.loader.constructor !== Object && spec.loader.constructor?.name ? spec.loader.constructor.name : adapter;
  const context = { node: names.load, expected: type };
  const load: Node = {
    name: names.load,
    dependencies: sourceDependencies(options),
    type: { kind: 'tuple', elements: [type, METADATA_TYPE] },
    doc: `Loads ${param} with the ${adapter} loader; gives [value, metadata].`,
    tags: loaderTags(adapter, param, classname, true),
    source: from.source,
    origin: from.origin,
    fn: (...sourceValues: unknown[]) => runLoader(loader, optionsFor(options, sourceValues), context),
  };
  const half = (name: string, index: 0 | 1, halfType: TypeDescriptor, doc: string, hasMetadata: boolean): Node => ({
    name,
    dependencies: [{ name: names.load, optional: false, type: load.type }],
    type: halfType,
    doc,
    tags: loaderTags(adapter, param, classname, hasMetadata),
    source: from.source,
    origin: from.origin,
    fn: (loaded: unknown) => (loaded as [unknown, unknown])[index],
  });
  return [
    load,
    half(names.select, 0, type, `${param} as the ${adapter} loader gave it.`, false),
    half(names.metadata, 1, METADATA_TYPE, `What the ${adapter} loader reports of loading ${param}.`, true),
  ];
}
