import type { Node } from '../runtime/graph/node';
import { DecoratorArgumentError } from '../runtime/errors';
import { resolveOptions } from '../runtime/io/nodes/adapter-bindings';
import { checkedSaver } from '../runtime/io/nodes/adapter-lookup';
import type { SaverOptionTypes, SurfaceOptions } from '../runtime/io/nodes/adapter-option-types';
import { saverNode } from '../runtime/io/nodes/saver-node';
import { describeValue } from '../runtime/values/values';
import { recordingDecorator, type RecordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';

/** `@saveTo.<adapter>(options)`: the adapter's options (each may be bound, see OptionBinding), and `outputName`. */
export type SaveToOptions = Readonly<Record<string, unknown>> & {
  /** The saver node's name (Hamilton's `output_name_`); default `save.<node>`. */
  readonly outputName?: string;
};

interface SaveToRecord {
  adapter: string;
  options: Readonly<Record<string, unknown>>;
  outputName?: string;
}

type SaveToDecorator = (options?: SaveToOptions) => RecordingDecorator;

/**
 * `@saveTo.parquet({ path: 'features.parquet', outputName: 'saveFeatures' })`,
 * or `@saveTo('myAdapter', { … })`: a saver node after the method's node
 * (Hamilton's `@save_to`). It saves only when requested (or when something
 * requested depends on it) and gives the saver's metadata.
 */
export type SaveTo = ((adapter: string, options?: SaveToOptions) => RecordingDecorator)
  & { readonly [K in keyof SaverOptionTypes]: (options: SurfaceOptions<SaverOptionTypes[K], { readonly outputName?: string }>) => RecordingDecorator }
  & { readonly [adapter: string]: SaveToDecorator };

function saveToAdapter(adapter: string, options: SaveToOptions = {}): RecordingDecorator {
  if (typeof adapter !== 'string' || adapter.length === 0) throw new DecoratorArgumentError('@saveTo', `takes a saver's name (a non-empty string), got ${describeValue(adapter)}`);
  if (typeof options !== 'object' || options === null) throw new DecoratorArgumentError(`@saveTo.${adapter}`, `takes an options object, got ${describeValue(options)}`);
  const { outputName, ...rest } = options;
  if (outputName !== undefined && (typeof outputName !== 'string' || outputName.length === 0)) {
    throw new DecoratorArgumentError(`@saveTo.${adapter}`, `outputName names the saver node (a non-empty string), got ${describeValue(outputName)}`);
  }
  return recordingDecorator('saveTo', { adapter, options: rest, outputName } satisfies SaveToRecord);
}

const OWN = new Set(['apply', 'call', 'bind', 'length', 'name', 'prototype', 'toString', 'constructor']);

export const saveTo: SaveTo = new Proxy(saveToAdapter, {
  get(target, property, receiver) {
    if (typeof property !== 'string' || OWN.has(property)) return Reflect.get(target, property, receiver);
    return (options?: SaveToOptions) => saveToAdapter(property, options);
  },
}) as unknown as SaveTo;

function saverOf(node: Node, record: SaveToRecord, context: ExpansionContext): Node {
  const problem = (detail: string) => context.error(`saveTo.${record.adapter}`, detail);
  const options = resolveOptions(record.options, context.config, problem);
  const saver = checkedSaver(record.adapter, options, node.type, problem);
  return saverNode({ saver, options, name: record.outputName ?? `save.${node.name}`, saved: node, from: node });
}

/**
 * Stage transform: the saver reads the method's node by name, so whether
 * @checkOutput expands before or after it, it saves the checked value.
 */
export const saveToExpander: NodeExpander<SaveToRecord> = {
  kind: 'saveTo',
  stage: 'transform',
  repeatable: true,
  expand(expansion, records, context) {
    for (const record of records) {
      if (record.outputName !== undefined && expansion.primary.length > 1) {
        throw context.error(`saveTo.${record.adapter}`, `names one saver node '${record.outputName}', but the method makes ${expansion.primary.length} nodes (${expansion.primary.map((n) => `'${n.name}'`).join(', ')}): leave outputName out to get save.<node> for each`);
      }
    }
    const savers = records.flatMap((record) => expansion.primary.map((node) => saverOf(node, record, context)));
    return { primary: expansion.primary, extra: [...expansion.extra, ...savers] };
  },
};
