import type { ClassMetadata, MethodMetadata } from '../contract/node-metadata';

/**
 * One `@dataflow()` class as `hamilton-ts generate` (or the bundler plugin)
 * writes it: the metadata the transformer would stamp on the class and on each
 * public method, kept beside the class instead of on it. `modulePath` is left
 * to registration, which knows where the generated module runs from.
 */
export interface GeneratedEntry {
  class: Omit<ClassMetadata, 'modulePath'> & { modulePath?: string };
  /** By method name: every method the transformer would stamp (the public ones). */
  methods: Readonly<Record<string, MethodMetadata>>;
  /** The class's private and protected methods: no nodes, listed so that a method added later is told from them. */
  otherMethods?: readonly string[];
}

/**
 * Where the class's compiled module is, relative to the generated module:
 * `from` is the generated module's own `__filename` or `import.meta.url`
 * (undefined when neither exists, in a bundle); `source` and `compiled` are
 * the class's file relative to it, as written and as compiled.
 */
export interface GeneratedModuleLocation {
  from: string | undefined;
  source: string;
  compiled: string;
}
