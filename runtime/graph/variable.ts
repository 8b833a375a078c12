import { schemaOf } from './output-schema';
import type { FunctionGraph } from './graph';
import type { NodeOrigin } from './node';
import type { SourceLocation } from '../contract/node-metadata';
import { formatType, type TypeDescriptor } from '../contract/type-descriptor';

/** A name in the dataflow as listings show it: a computed node or an input. */
export interface Variable {
  name: string;
  /** The type as TypeScript spells it, e.g. `Column<number>`. */
  type: string;
  typeDescriptor: TypeDescriptor;
  doc: string;
  tags: Readonly<Record<string, string | readonly string[]>>;
  /** No node computes it: it comes from inputs or config. */
  isExternalInput: boolean;
  /** For inputs: every consumer can do without it. */
  optional: boolean;
  dependencies: string[];
  /** A node's `@schema.output` columns and their types, in order. */
  schema?: Readonly<Record<string, string>>;
  source?: SourceLocation;
  origin?: NodeOrigin;
  /** With `withCache`: what the cache did with the node in the driver's last run. */
  cache?: 'hit' | 'miss' | 'recompute' | 'disable' | 'ignore';
}

export function describeVariable(graph: FunctionGraph, name: string): Variable {
  const node = graph.nodes.get(name);
  if (node) {
    return {
      name, type: formatType(node.type), typeDescriptor: node.type, doc: node.doc, tags: node.tags,
      isExternalInput: false, optional: false, dependencies: node.dependencies.map((d) => d.name),
      source: node.source, origin: node.origin, ...(schemaOf(node.tags) ? { schema: schemaOf(node.tags) } : {}),
    };
  }
  const input = graph.inputs.get(name)!;
  // The first consumer's declared type stands for the input; they usually agree.
  const type = input.consumers[0].dependency.type;
  return {
    name, type: formatType(type), typeDescriptor: type, doc: '', tags: {},
    isExternalInput: true, optional: input.optional, dependencies: [],
  };
}
