import 'reflect-metadata';
import type { TypeDescriptor } from './type-descriptor';

/**
 * The contract between the transformer (build time) and the runtime: what the
 * transformer stamps on every `@dataflow()` class and its public methods.
 * Bump METADATA_VERSION whenever these shapes change, so that code compiled by
 * an older transformer is recognised rather than misread.
 */
export const METADATA_VERSION = 2;
export const NODE_METADATA_KEY = 'hamilton:node';
export const CLASS_METADATA_KEY = 'hamilton:class';

export interface SourceLocation {
  /** Path relative to the compiling project's root, as the user sees it in an editor. */
  file: string;
  line: number;
}

export interface ParameterMetadata {
  name: string;
  /** `x?: T` or a default value: the node runs without it. */
  optional: boolean;
  hasDefault: boolean;
  type: TypeDescriptor;
  /** Set for a parameter that names no single dependency; `name` then holds its source text. */
  shape?: 'destructured' | 'rest';
}

export interface MethodMetadata {
  /** The transformer's metadata version: tells transformed methods from others. */
  version: number;
  params: ParameterMetadata[];
  /** The return type with `Promise<T>` unwrapped. */
  returns: TypeDescriptor;
  doc: string;
  source: SourceLocation;
  /**
   * The method's code version (transformer/code-version.ts): a hash of its
   * source with its decorators, without comments. Optional: metadata written
   * before it existed still reads, and such methods hash their compiled text.
   */
  codeVersion?: string;
  /**
   * For a method with default values: a function with the method's own
   * parameter list (defaults included, types erased) that returns its
   * arguments, so `(a, b = 2, c = a * 10) => [a, b, c]`. Called with the
   * module instance as `this`, it gives the values the method's body would
   * see, whatever the defaults are (literals, `this.x`, imports, earlier
   * parameters); @does hands them to its function. Absent when a default uses
   * `super` or a `#private` name, which only the class body may read.
   */
  withDefaults?: (...args: unknown[]) => unknown[];
}

export interface ClassMetadata {
  version: number;
  className: string;
  /** The name the class is exported under (`default` for a default export), if it is exported. */
  exportName: string | undefined;
  /** The compiled module that defines the class, so another thread or process can load it. */
  modulePath: string | undefined;
  doc: string;
  source: SourceLocation;
}

export function readClassMetadata(cls: Function): ClassMetadata | undefined {
  const meta = Reflect.getOwnMetadata(CLASS_METADATA_KEY, cls) as ClassMetadata | undefined;
  return meta && meta.version === METADATA_VERSION ? meta : undefined;
}

/** The metadata stamped on the method where it is defined (`prototype` is the defining one). */
export function readMethodMetadata(prototype: object, method: string): MethodMetadata | undefined {
  const meta = Reflect.getOwnMetadata(NODE_METADATA_KEY, prototype, method) as MethodMetadata | undefined;
  return meta && meta.version === METADATA_VERSION ? meta : undefined;
}
