import { readClassMetadata, readMethodMetadata, type ClassMetadata, type MethodMetadata } from '../contract/node-metadata';
import { generatedClassMetadata, generatedMethodMetadata } from './generated-registry';

/**
 * Where the runtime reads a class's metadata, in order: what the transformer
 * stamped on it (tspc, ts-jest), then what `hamilton-ts generate` or the
 * bundler plugin registered for it; undefined leaves the class to the
 * no-transformer fallback (names recovered from the compiled source).
 */
export function classMetadataOf(cls: Function): ClassMetadata | undefined {
  return readClassMetadata(cls) ?? generatedClassMetadata(cls);
}

/** `prototype` is the one that defines the method. */
export function methodMetadataOf(prototype: object, method: string): MethodMetadata | undefined {
  return readMethodMetadata(prototype, method)
    ?? (Object.hasOwn(prototype, 'constructor') ? generatedMethodMetadata(prototype.constructor as Function, method) : undefined);
}
