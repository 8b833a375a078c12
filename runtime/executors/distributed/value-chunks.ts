import { randomBytes } from 'node:crypto';
import { copyParts, type EncodedParts } from './value-codec';

/**
 * How an encoded value is cut for Redis. A value of at most `chunkBytes`
 * is one piece (its parts copied once into it). A larger one is a directory
 * (magic "HTC3", u32 chunk count, f64 total bytes, 8 random bytes naming this
 * write, u32 length of each chunk) followed by its chunks, each stored behind
 * the write's id: each slice of a column is a view of the column's own
 * memory, so the bytes go from the typed array to the socket with no copy of
 * ours; only the small framing parts between columns are gathered into
 * chunks of their own. No chunk exceeds `chunkBytes`, so no Redis string
 * reaches its 512 MB limit whatever the value's size.
 */

export const DIRECTORY_MAGIC = 0x33435448; // "HTC3", little-endian
/** "HTC1" (no write id) and "HTC2" (chunks without it): the directories of earlier versions. */
const OLDER_DIRECTORY_MAGICS = [0x31435448, 0x32435448];
/** The write id's bytes, in the directory and in front of each chunk. */
export const WRITE_ID_BYTES = 8;
/** Magic, count, total bytes, write id; then the chunk lengths. */
const DIRECTORY_HEADER = 24;

/** 1 MiB: Redis serves values this size at GB/s on loopback and falls off a cliff past 4 MB (8 MB: ~60 MB/s); see bench/redis-columns.ts and the README. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Redis's proto-max-bulk-len: no string, hence no chunk, may be longer. */
export const REDIS_MAX_STRING_BYTES = 512 * 1024 * 1024;
/** Smallest chunk size accepted: below it the directory outweighs the data. */
export const MIN_CHUNK_BYTES = 64;

export type ValuePieces =
  | { inline: Buffer }
  | { directory: Buffer; writeId: Buffer; chunks: Buffer[] };

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The pieces of an encoded value, in the order they are written. */
export function cutIntoPieces(encoded: EncodedParts, chunkBytes: number): ValuePieces {
  const { parts, byteLength } = encoded;
  if (byteLength <= chunkBytes) return { inline: gather(parts, byteLength) };
  const chunks: Buffer[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes) chunks.push(gather(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  for (const part of parts) {
    // A part that fills a chunk on its own (a column) goes as views of itself.
    if (part.byteLength >= chunkBytes / 2) {
      flush();
      for (let offset = 0; offset < part.byteLength; offset += chunkBytes) {
        chunks.push(asBuffer(part.subarray(offset, Math.min(offset + chunkBytes, part.byteLength))));
      }
      continue;
    }
    if (pendingBytes + part.byteLength > chunkBytes) flush();
    pending.push(part);
    pendingBytes += part.byteLength;
  }
  flush();
  const directory = directoryOf(chunks, byteLength);
  return { directory, writeId: writeIdOf(directory), chunks };
}

function gather(parts: Uint8Array[], byteLength: number): Buffer {
  return parts.length === 1 ? asBuffer(parts[0]) : copyParts(parts, byteLength);
}

/**
 * The write id tells one write of a key from another (a stalled task's late
 * attempt rewriting its output): each chunk carries it, so a chunk of another
 * write in the list is seen as such, and a reader that finds another
 * directory once it has the chunks knows the key was written again.
 */
function directoryOf(chunks: Buffer[], byteLength: number): Buffer {
  const directory = Buffer.alloc(DIRECTORY_HEADER + 4 * chunks.length);
  directory.writeUInt32LE(DIRECTORY_MAGIC, 0);
  directory.writeUInt32LE(chunks.length, 4);
  directory.writeDoubleLE(byteLength, 8);
  randomBytes(WRITE_ID_BYTES).copy(directory, 16);
  chunks.forEach((chunk, i) => directory.writeUInt32LE(chunk.byteLength, DIRECTORY_HEADER + 4 * i));
  return directory;
}

const writeIdOf = (directory: Buffer) => directory.subarray(16, 16 + WRITE_ID_BYTES);

export interface Directory {
  byteLength: number;
  /** The id every chunk of this write is stored behind. */
  writeId: Buffer;
  /** Each chunk's length, in order. */
  lengths: number[];
}

export const isDirectory = (first: Buffer) => first.length >= 4 && first.readUInt32LE(0) === DIRECTORY_MAGIC;

/** A directory written by an earlier version, whose chunks this one cannot read. */
export const isOlderDirectory = (first: Buffer) => first.length >= 16 && OLDER_DIRECTORY_MAGICS.includes(first.readUInt32LE(0));

/** The directory a value's first piece holds; a description of what is wrong with it when it is corrupted. */
export function readDirectory(first: Buffer): Directory | string {
  if (first.length < DIRECTORY_HEADER) return `its chunk directory is cut off (${first.length} bytes)`;
  const count = first.readUInt32LE(4);
  const byteLength = first.readDoubleLE(8);
  if (first.length !== DIRECTORY_HEADER + 4 * count) return `its chunk directory announces ${count} chunks in ${first.length} bytes`;
  const lengths: number[] = [];
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const length = first.readUInt32LE(DIRECTORY_HEADER + 4 * i);
    lengths.push(length);
    sum += length;
  }
  if (!Number.isSafeInteger(byteLength) || sum !== byteLength) return `its chunk directory announces ${byteLength} bytes, but its chunks add up to ${sum}`;
  return { byteLength, writeId: writeIdOf(first), lengths };
}
