import type { TypeDescriptor } from '../../contract/type-descriptor';
import type { Node } from '../../graph/node';
import type { DataSaver } from '../adapters/data-adapter';
import { runSaver } from '../adapters/run-adapter';
import { isMetadata, optionsFor, sourceDependencies, type ResolvedOptions } from './adapter-bindings';
import { AdapterResultError } from './io-node-errors';
import { saverTags } from './io-tags';
import { METADATA_TYPE } from './loader-nodes';

export interface SaverNodeSpec {
  saver: DataSaver<any, any>;
  options: ResolvedOptions;
  /** The saver node's name. */
  name: string;
  /** The node whose value is saved. */
  saved: { name: string; type: TypeDescriptor };
  from: Pick<Node, 'source' | 'origin'>;
}

/** A metadata record checked: a saver returning anything else fails its node with an AdapterResultError. */
export function checkedSave(node: string, adapter: string, result: unknown): Record<string, unknown> {
  if (!isMetadata(result)) throw new AdapterResultError(node, adapter, 'a metadata record', result);
  return result;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown>)?.then === 'function';

function shapeChecked(saver: DataSaver<any, any>, node: string): DataSaver<any, any> {
  const checked = Object.create(saver) as DataSaver<any, any>;
  checked.save = (value, options, context) => {
    const result = saver.save(value, options, context);
    return (isThenable(result) ? Promise.resolve(result).then((r) => checkedSave(node, saver.name, r)) : checkedSave(node, saver.name, result)) as never;
  };
  return checked;
}

/**
 * A node after the saved one: runs the saver (runSaver: options and the
 * value's kind checked, failures naming the node, adapter and path) on its
 * value, and gives the saver's metadata.
 */
export function saverNode(spec: SaverNodeSpec): Node {
  const { options, name, saved, from } = spec;
  const adapter = spec.saver.name;
  const saver = shapeChecked(spec.saver, name);
  const classname = spec.saver.constructor !== Object && spec.saver.constructor?.name ? spec.saver.constructor.name : adapter;
  const context = { node: name, expected: saved.type };
  return {
    name,
    dependencies: [{ name: saved.name, optional: false, type: saved.type }, ...sourceDependencies(options)],
    type: METADATA_TYPE,
    doc: `Saves ${saved.name} with the ${adapter} saver; gives the saver's metadata.`,
    tags: saverTags(adapter, classname),
    source: from.source,
    origin: from.origin,
    fn: (value: unknown, ...sourceValues: unknown[]) => runSaver(saver, value, optionsFor(options, sourceValues), context),
  };
}
