import type { Node } from '../runtime/graph/node';
import { resolveOptions } from '../runtime/io/nodes/adapter-bindings';
import { checkedLoader } from '../runtime/io/nodes/adapter-lookup';
import type { LoaderOptionTypes, SurfaceOptions } from '../runtime/io/nodes/adapter-option-types';
import { decoratorLoaderNames, loaderNodes } from '../runtime/io/nodes/loader-nodes';
import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import { recordingDecorator, type RecordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';

/** `@loadFrom.<adapter>(options)`: the adapter's options (each may be bound, see OptionBinding), and `injectTo`. */
export type LoadFromOptions = Readonly<Record<string, unknown>> & {
  /** The parameter the loaded value feeds (Hamilton's `inject_`); may be left out when the method has one parameter. */
  readonly injectTo?: string;
};

interface LoadFromRecord {
  adapter: string;
  options: Readonly<Record<string, unknown>>;
  injectTo?: string;
}

type LoadFromDecorator = (options?: LoadFromOptions) => RecordingDecorator;

/**
 * `@loadFrom.parquet({ path: 'raw.parquet', injectTo: 'raw' })`, or
 * `@loadFrom('myAdapter', { … })` for an adapter named at run time: a loader
 * node feeds the parameter (Hamilton's `@load_from`). Each registered loader
 * is a property; the name is checked when the graph is built, so an adapter
 * registered after the class is defined works too.
 */
export type LoadFrom = ((adapter: string, options?: LoadFromOptions) => RecordingDecorator)
  & { readonly [K in keyof LoaderOptionTypes]: (options: SurfaceOptions<LoaderOptionTypes[K], { readonly injectTo?: string }>) => RecordingDecorator }
  & { readonly [adapter: string]: LoadFromDecorator };

function loadFromAdapter(adapter: string, options: LoadFromOptions = {}): RecordingDecorator {
  if (typeof adapter !== 'string' || adapter.length === 0) throw new DecoratorArgumentError('@loadFrom', `takes a loader's name (a non-empty string), got ${describeValue(adapter)}`);
  if (typeof options !== 'object' || options === null) throw new DecoratorArgumentError(`@loadFrom.${adapter}`, `takes an options object, got ${describeValue(options)}`);
  const { injectTo, ...rest } = options;
  if (injectTo !== undefined && (typeof injectTo !== 'string' || injectTo.length === 0)) {
    throw new DecoratorArgumentError(`@loadFrom.${adapter}`, `injectTo names a parameter (a non-empty string), got ${describeValue(injectTo)}`);
  }
  return recordingDecorator('loadFrom', { adapter, options: rest, injectTo } satisfies LoadFromRecord);
}

/** Function properties a Proxy over a function must leave alone. */
const OWN = new Set(['apply', 'call', 'bind', 'length', 'name', 'prototype', 'toString', 'constructor']);

export const loadFrom: LoadFrom = new Proxy(loadFromAdapter, {
  get(target, property, receiver) {
    if (typeof property !== 'string' || OWN.has(property)) return Reflect.get(target, property, receiver);
    return (options?: LoadFromOptions) => loadFromAdapter(property, options);
  },
}) as unknown as LoadFrom;

/** The parameter a record feeds: `injectTo`, or the one parameter there is. */
function injectedParameter(node: Node, record: LoadFromRecord, context: ExpansionContext): string {
  const params = node.dependencies.map((d) => d.name);
  const decorator = `loadFrom.${record.adapter}`;
  if (record.injectTo === undefined) {
    if (params.length !== 1) {
      throw context.error(decorator, `needs injectTo: ${node.name}(${params.join(', ')}) has ${params.length} parameters, so which one the loader feeds must be named`);
    }
    return params[0];
  }
  if (!params.includes(record.injectTo)) throw context.error(decorator, `injects '${record.injectTo}', which is not a parameter of ${node.name}(${params.join(', ')})`);
  return record.injectTo;
}

function withLoader(node: Node, record: LoadFromRecord, context: ExpansionContext): { node: Node; added: Node[] } {
  const decorator = `loadFrom.${record.adapter}`;
  const param = injectedParameter(node, record, context);
  const problem = (detail: string) => context.error(decorator, detail);
  const dependency = node.dependencies.find((d) => d.name === param)!;
  const options = resolveOptions(record.options, context.config, problem);
  const loader = checkedLoader(record.adapter, options, dependency.type, problem);
  const names = decoratorLoaderNames(node.name, param);
  const added = loaderNodes({ loader, options, names, param, type: dependency.type, from: node });
  return {
    node: { ...node, dependencies: node.dependencies.map((d) => (d.name === param ? { ...d, name: names.select, optional: false } : d)) },
    added,
  };
}

export const loadFromExpander: NodeExpander<LoadFromRecord> = {
  kind: 'loadFrom',
  stage: 'inject',
  repeatable: true,
  expand(expansion, records, context) {
    const added: Node[] = [];
    const primary = expansion.primary.map((node) => records.reduce((current, record) => {
      const next = withLoader(current, record, context);
      added.push(...next.added);
      return next.node;
    }, node));
    return { primary, extra: [...expansion.extra, ...added] };
  },
};
