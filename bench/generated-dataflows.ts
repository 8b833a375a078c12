import { dataflow } from '../decorators/dataflow';
import {
  CLASS_METADATA_KEY, METADATA_VERSION, NODE_METADATA_KEY,
  type ClassMetadata, type MethodMetadata,
} from '../runtime/contract/node-metadata';
import type { TypeDescriptor } from '../runtime/contract/type-descriptor';

/**
 * `@dataflow()` classes generated at run time, stamped with exactly the
 * metadata the transformer emits, so graphs of any size can be benchmarked.
 */

export type NumberFn = (...values: number[]) => number;

export interface GeneratedNode {
  name: string;
  params: string[];
  fn: NumberFn;
}

export interface GeneratedDataflow {
  module: new () => object;
  /** The nodes in a topological order, with the very functions installed as methods. */
  nodes: GeneratedNode[];
}

const NUMBER: TypeDescriptor = { kind: 'number' };
const source = { file: 'bench/generated-dataflows.ts', line: 1 };

function methodMetadata(params: readonly string[]): MethodMetadata {
  return {
    version: METADATA_VERSION,
    params: params.map((name) => ({ name, optional: false, hasDefault: false, type: NUMBER })),
    returns: NUMBER,
    doc: '',
    source,
  };
}

/** What `@dataflow() class <className> { ... }` compiles to with the transformer. */
export function defineDataflow(className: string, nodes: GeneratedNode[]): GeneratedDataflow {
  const module = class {};
  Object.defineProperty(module, 'name', { value: className });
  for (const { name, params, fn } of nodes) {
    Object.defineProperty(module.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
    Reflect.defineMetadata(NODE_METADATA_KEY, methodMetadata(params), module.prototype, name);
  }
  const classMeta: ClassMetadata = {
    version: METADATA_VERSION, className, exportName: undefined, modulePath: undefined, doc: '', source,
  };
  Reflect.defineMetadata(CLASS_METADATA_KEY, classMeta, module);
  dataflow()(module);
  return { module, nodes };
}

// Each node is its own closure, as each method of a real class is its own function.
const plusOne = (): NumberFn => (x) => x + 1;
const sum = (): NumberFn => (...xs) => {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
};

/** `c0(x)`, `c1(c0)`, … `c{n-1}(c{n-2})`: every node depends on the one before. */
export function chain(n: number): GeneratedDataflow {
  const nodes = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, params: [i ? `c${i - 1}` : 'x'], fn: plusOne() }));
  return defineDataflow(`Chain${n}`, nodes);
}

/** `w0(x)` … `w{n-1}(x)`, all independent; with `sink`, also `sink(w0, …, w{n-1})`: a fan-in. */
export function wide(n: number, withSink = false): GeneratedDataflow {
  const nodes: GeneratedNode[] = Array.from({ length: n }, (_, i) => ({ name: `w${i}`, params: ['x'], fn: plusOne() }));
  if (withSink) nodes.push({ name: 'sink', params: nodes.map((node) => node.name), fn: sum() });
  return defineDataflow(`${withSink ? 'FanIn' : 'Wide'}${n}`, nodes);
}
