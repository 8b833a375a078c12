import { UNKNOWN, type TypeDescriptor } from '../contract/type-descriptor';
import type { Node, NodeOrigin } from '../graph/node';
import { resolveOptions } from '../io/nodes/adapter-bindings';
import { checkedLoader, checkedSaver } from '../io/nodes/adapter-lookup';
import { loaderNodes } from '../io/nodes/loader-nodes';
import { saverNode } from '../io/nodes/saver-node';
import { MaterializerError } from './materializer-errors';
import { LoaderMaterializer, type Materializer, type SaverMaterializer } from './materializer';

export const describeMaterializer = (m: Materializer): string =>
  m instanceof LoaderMaterializer ? `from.${m.adapter} '${m.target}'` : `to.${m.adapter} '${m.id}'`;

const originOf = (m: Materializer): NodeOrigin => ({ className: 'materialize', method: describeMaterializer(m) });

/** A name's type in the graph so far: the node's, or the type the first consumer of the input declares. */
function typeOf(name: string, nodes: readonly Node[]): TypeDescriptor | undefined {
  const node = nodes.find((n) => n.name === name);
  if (node) return node.type;
  for (const n of nodes) {
    const dependency = n.dependencies.find((d) => d.name === name);
    if (dependency) return dependency.type;
  }
  return undefined;
}

function loaderFrom(m: LoaderMaterializer, nodes: readonly Node[], config: Readonly<Record<string, unknown>>): Node[] {
  const where = describeMaterializer(m);
  const problem = (detail: string) => new MaterializerError(where, detail);
  const type = typeOf(m.target, nodes);
  if (type === undefined) throw problem(`the target '${m.target}' is neither a node nor an input of the graph`);
  const options = resolveOptions(m.options, config, problem);
  const loader = checkedLoader(m.adapter, options, type, problem);
  const names = { load: `load_data.${m.target}`, select: m.target, metadata: `load_metadata.${m.target}` };
  // Upsert, as Hamilton: the loaded value takes the place of a node of the target's name.
  return loaderNodes({ loader, options, names, param: m.target, type, from: { source: undefined, origin: originOf(m) } });
}

function saverTo(m: SaverMaterializer, nodes: readonly Node[], config: Readonly<Record<string, unknown>>): Node[] {
  const where = describeMaterializer(m);
  const problem = (detail: string) => new MaterializerError(where, detail);
  if (nodes.some((n) => n.name === m.id)) throw problem(`the id '${m.id}' is already a node of the graph: choose another id`);
  const missing = m.dependencies.filter((d) => typeOf(d, nodes) === undefined);
  if (missing.length) throw problem(`saves ${missing.map((d) => `'${d}'`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} neither a node nor an input of the graph`);
  const origin = originOf(m);
  const added: Node[] = [];
  let saved: { name: string; type: TypeDescriptor };
  if (m.combine) {
    const { combine, dependencies } = m;
    const joined: Node = {
      name: `${m.id}_build_result`,
      dependencies: dependencies.map((d) => ({ name: d, optional: false, type: typeOf(d, nodes)! })),
      type: UNKNOWN,
      doc: `Joins ${dependencies.join(', ')} with ${combine.constructor?.name ?? 'the result builder'} for the ${where} materializer.`,
      tags: {},
      source: undefined,
      origin,
      fn: (...values: unknown[]) => combine.build(Object.fromEntries(dependencies.map((d, i) => [d, values[i]]))),
    };
    added.push(joined);
    saved = joined;
  } else {
    saved = { name: m.dependencies[0], type: typeOf(m.dependencies[0], nodes)! };
  }
  const options = resolveOptions(m.options, config, problem);
  added.push(saverNode({ saver: checkedSaver(m.adapter, options, saved.type, problem), options, name: m.id, saved, from: { source: undefined, origin } }));
  return added;
}

/**
 * The graph's nodes with the materializers' nodes added (Hamilton's
 * `with_materializers`): loaders first, replacing the nodes they target,
 * then savers, which may save what a loader gives.
 */
export function withMaterializerNodes(nodes: readonly Node[], materializers: readonly Materializer[], config: Readonly<Record<string, unknown>>): Node[] {
  let result = [...nodes];
  for (const m of materializers) {
    if (!(m instanceof LoaderMaterializer)) continue;
    const added = loaderFrom(m, result, config);
    result = [...result.filter((n) => n.name !== m.target), ...added];
  }
  for (const m of materializers) {
    if (m instanceof LoaderMaterializer) continue;
    result = [...result, ...saverTo(m, result, config)];
  }
  return result;
}
