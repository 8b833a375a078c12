import { requireCachePeer } from './cache-peers';

interface XxhashModule {
  xxh64(input: Buffer | string, seed?: bigint): bigint;
}

let xxh64: XxhashModule['xxh64'] | undefined;

/**
 * xxHash64 of bytes or text as 16 hex digits (@node-rs/xxhash, native: reads a
 * typed array's memory in place, ~10 GB/s). Data versions and result checksums use it.
 */
export function xxhash64(input: Uint8Array | string): string {
  xxh64 ??= requireCachePeer<XxhashModule>('@node-rs/xxhash').xxh64;
  const bytes = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return xxh64(bytes).toString(16).padStart(16, '0');
}

/** The bytes of a typed array, viewed without a copy. */
export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
