import type { Redis } from 'ioredis';
import pLimit, { type Limit } from 'p-limit';
import { RemoteExecutionError } from '../../errors';
import { chunkTransportOf } from './chunk-channel';
import type { ChunkTransport } from './chunk-transport';
import { startListsWhileLive } from './run-marker';
import { cutIntoPieces, DEFAULT_CHUNK_BYTES, isDirectory, isOlderDirectory, MIN_CHUNK_BYTES, readDirectory, REDIS_MAX_STRING_BYTES, WRITE_ID_BYTES } from './value-chunks';
import { decodeValue, ValueCodecError, type EncodedParts } from './value-codec';

/** A value in Redis that cannot be read back as it was written: missing, cut off, corrupted. Names the value and its key. */
export class StoredValueError extends RemoteExecutionError {
  constructor(readonly valueName: string, readonly key: string, message: string, options?: { cause?: unknown }) {
    super(`the value of '${valueName}' (Redis key ${key}) ${message}`, options);
  }
}

/** A value to write: its name (for errors), its key, its encoding. */
export interface ValueToWrite {
  name: string;
  key: string;
  encoded: EncodedParts;
}

/** One value read back on its own (RedisValueStore.readEach): its value, or why it could not be read. */
export type ReadOutcome = { value: unknown } | { error: StoredValueError };

/** A value to read: its name (for errors) and its key. */
export interface ValueToRead {
  name: string;
  key: string;
}

export interface ValueStoreOptions {
  /** The run's marker: values are written only while it exists (see run-marker.ts). */
  marker: string;
  ttlSeconds: number;
  /** A value whose encoding is longer goes in chunks of at most this many bytes (default 1 MiB, at most 512 MiB less the 8 bytes of write id each chunk is stored behind). */
  chunkBytes?: number;
  /** How the chunks travel; by default the client's ChunkChannel, or the client itself where a plain socket cannot repeat its connection (chunk-channel.ts). */
  chunks?: ChunkTransport;
}

/** Chunk pushes in flight at once: enough to keep the socket busy, few enough that a run that ended stops the rest soon. */
const CHUNKS_IN_FLIGHT = 8;

/**
 * Chunk reads in flight at once, across every value of one read. Redis
 * copies each reply into memory of its own until the socket takes it: a
 * value's 80 chunks asked at once are 80 MB of fresh replies, faulted in page
 * by page; four at a time reuse the same few megabytes (an 80 MB column
 * read at 570-660 MB/s instead of 140-240 here: README, "Reading columns back").
 */
const CHUNK_READS_IN_FLIGHT = 4;

/** How many times a value written again while it was read is read again before the read fails. */
const REREADS = 3;

/** The largest chunk: stored behind its write id, it stays within Redis's 512 MiB string limit. */
const MAX_CHUNK_BYTES = REDIS_MAX_STRING_BYTES - WRITE_ID_BYTES;

/** Why a chunk size is refused, or undefined when it is a whole number of bytes from 64 to Redis's string limit (less the write id). */
export function chunkBytesProblem(chunkBytes: number): string | undefined {
  if (Number.isInteger(chunkBytes) && chunkBytes >= MIN_CHUNK_BYTES && chunkBytes <= MAX_CHUNK_BYTES) return undefined;
  return `valueChunkBytes must be a whole number of bytes from ${MIN_CHUNK_BYTES} to ${MAX_CHUNK_BYTES} (Redis's 512 MiB string limit, less the ${WRITE_ID_BYTES}-byte write id each chunk is stored behind), got ${chunkBytes}`;
}

/**
 * One run's values in Redis, as the driver and the workers both read and
 * write them. Each value is one list under its key: a value of at most
 * `chunkBytes` is the list's only element; a larger one is a chunk directory
 * followed by its chunks (value-chunks.ts), each a view of the typed array's
 * memory on the way in and copied once into one buffer of the value's size
 * on the way out, whose typed arrays are views of it. A task's values go in
 * one round trip (the lists started by one script that checks the run's
 * marker), the chunks pushed once the lists exist, and come back in one (two
 * with chunks: the first pieces, then every chunk). Chunks travel on a
 * ChunkTransport: by default a socket of their own whose bytes go straight
 * between the typed arrays and the socket (chunk-channel.ts).
 */
export class RedisValueStore {
  private readonly chunkBytes: number;

  constructor(private readonly client: Redis, private readonly options: ValueStoreOptions) {
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const problem = chunkBytesProblem(this.chunkBytes);
    if (problem) throw new RemoteExecutionError(problem);
  }

  /** Writes the values, each expiring after the run's TTL; false when the run had ended (its marker gone), and nothing more is written. */
  async write(values: readonly ValueToWrite[]): Promise<boolean> {
    if (values.length === 0) return true;
    const pieces = values.map((value) => cutIntoPieces(value.encoded, this.chunkBytes));
    const first = pieces.map((p, i) => [values[i].key, 'inline' in p ? p.inline : p.directory] as const);
    const started = startListsWhileLive(this.client, this.options.marker, first, this.options.ttlSeconds);
    started.catch(() => undefined); // awaited below, perhaps after the chunk channel opens
    const pushes: { value: ValueToWrite; pushed: Promise<number> }[] = [];
    let failure: unknown;
    try {
      // The chunks may travel on another connection: they follow the lists once these exist.
      const chunked = pieces.some((p) => !('inline' in p));
      const transport = chunked ? await this.transport() : undefined;
      if (chunked && !(await started)) return false;
      for (let v = 0; v < values.length; v++) {
        const p = pieces[v];
        if ('inline' in p) continue;
        for (const chunk of p.chunks) {
          const waitFor = pushes[pushes.length - CHUNKS_IN_FLIGHT];
          // A list gone (its run ended) takes no more chunks: stop sending them.
          if (waitFor && (await waitFor.pushed) === 0) break;
          const pushed = transport!.push(values[v].key, p.writeId, chunk);
          pushed.catch(() => undefined); // awaited below
          pushes.push({ value: values[v], pushed });
        }
      }
    } catch (error) {
      failure = error;
    }
    const settled = await Promise.allSettled([started, ...pushes.map((p) => p.pushed)]);
    const rejected = settled.findIndex((s) => s.status === 'rejected');
    if (failure !== undefined || rejected >= 0) {
      const cause = failure ?? (settled[rejected] as PromiseRejectedResult).reason;
      const value = rejected > 0 ? pushes[rejected - 1].value : values[0];
      throw new StoredValueError(value.name, value.key, `could not be written (${value.encoded.byteLength} bytes`
        + `${value.encoded.byteLength > this.chunkBytes ? `, in chunks of at most ${this.chunkBytes}` : ''}): ${(cause as Error)?.message ?? cause}`, { cause });
    }
    const live = (settled[0] as PromiseFulfilledResult<boolean>).value;
    return live && settled.every((s) => (s as PromiseFulfilledResult<number | boolean>).value !== 0);
  }

  private transport(): Promise<ChunkTransport> {
    return this.options.chunks ? Promise.resolve(this.options.chunks) : chunkTransportOf(this.client);
  }

  /** Reads the values back, in order; throws a StoredValueError naming the first one missing or corrupted. */
  async read(values: readonly ValueToRead[]): Promise<unknown[]> {
    const outcomes = await this.readEach(values);
    const failed = outcomes.find((o): o is { error: StoredValueError } => 'error' in o);
    if (failed) throw failed.error;
    return outcomes.map((o) => (o as { value: unknown }).value);
  }

  /**
   * Reads the values back, in order, each on its own: a value missing or
   * corrupted is its StoredValueError, the others still read (a batched job's
   * tasks each settle with their own). One round trip for every value's first
   * piece, then the chunks of the chunked ones, CHUNK_READS_IN_FLIGHT at a
   * time. Rejects only when Redis cannot be reached.
   */
  async readEach(values: readonly ValueToRead[]): Promise<ReadOutcome[]> {
    if (values.length === 0) return [];
    const firsts = await Promise.all(values.map((value) => this.client.lindexBuffer(value.key, 0).catch((error: Error) => {
      if (/WRONGTYPE/.test(error.message)) return new StoredValueError(value.name, value.key, 'is not a list of hamilton-ts value pieces (written by an older version, or by something else)');
      throw error;
    })));
    const chunkReads = pLimit(CHUNK_READS_IN_FLIGHT);
    return Promise.all(values.map(async (value, i): Promise<ReadOutcome> => {
      try {
        const first = firsts[i];
        if (first instanceof StoredValueError) throw first;
        if (!first) throw new StoredValueError(value.name, value.key, 'is not in Redis: it expired (resultTtlSeconds) or was deleted');
        if (isOlderDirectory(first)) {
          throw new StoredValueError(value.name, value.key, 'was written in chunks by an older version of hamilton-ts: run the driver and the workers from one version');
        }
        if (!isDirectory(first)) return { value: decode(value, first, false) };
        return { value: await this.assemble(value, first, chunkReads) };
      } catch (error) {
        if (error instanceof StoredValueError) return { error };
        throw error;
      }
    }));
  }

  /**
   * A chunked value: its chunks, each copied as it arrives into one buffer
   * of the value's size (the write id it is stored behind beside it), then
   * decoded as views of it. Once they are in, the list's directory and
   * length are read again (one MULTI): another directory means the key was
   * written again meanwhile (a stalled task's late attempt rewriting its
   * output) and the chunks may mix both writes; a chunk missing from a list
   * now whole means it was still being written. Either way the value is read
   * again, from the directory now there (up to REREADS times). A chunk of
   * another write under the same directory (a late attempt's chunks landing
   * in a newer write's list) never goes away: "corrupted", not a value.
   */
  private async assemble(value: ValueToRead, first: Buffer, chunkReads: Limit): Promise<unknown> {
    const transport = await this.transport();
    for (let read = 0; ; read++) {
      const directory = readDirectory(first);
      if (typeof directory === 'string') throw new StoredValueError(value.name, value.key, `is corrupted: ${directory}`);
      const { lengths, byteLength, writeId } = directory;
      const count = lengths.length;
      // Its own memory, 8-byte aligned: typed arrays view it.
      const bytes = Buffer.allocUnsafeSlow(byteLength);
      const ids = Buffer.alloc(WRITE_ID_BYTES * count);
      let offset = 0;
      let missing = false;
      let foreign: number | undefined;
      const copies = lengths.map((length, i) => {
        const at = offset;
        offset += length;
        const head = ids.subarray(i * WRITE_ID_BYTES, (i + 1) * WRITE_ID_BYTES);
        return chunkReads(() => transport.readInto(value.key, i + 1, { head, dest: bytes, at, length })).then((got) => {
          if (got === null) {
            missing = true;
            throw new StoredValueError(value.name, value.key, `is incomplete: chunk ${i + 1} of ${count} is missing (it expired or was deleted)`);
          }
          if (got !== WRITE_ID_BYTES + length) {
            throw new StoredValueError(value.name, value.key, `is corrupted: chunk ${i + 1} of ${count} has ${got} bytes, its directory says ${WRITE_ID_BYTES + length} (${length} behind the write id)`);
          }
          if (!head.equals(writeId)) foreign ??= i + 1;
        });
      });
      const settled = await Promise.allSettled(copies);
      const [now, pieces] = await this.directoryAndLength(value.key);
      if (!now) throw new StoredValueError(value.name, value.key, 'is not in Redis any more: it was deleted or expired while it was read');
      // Written again meanwhile, or still being written when its chunks were asked for: read it again.
      const changed = !now.equals(first);
      const wasBeingWritten = !changed && missing && pieces === count + 1;
      if (changed || wasBeingWritten) {
        if (read >= REREADS) throw new StoredValueError(value.name, value.key, `was written again while it was read, ${REREADS + 1} times in a row (attempts of one task writing it at once?)`);
        if (!isDirectory(now)) return decode(value, now, false);
        first = now;
        continue;
      }
      if (pieces < count + 1) throw new StoredValueError(value.name, value.key, `is incomplete: ${pieces - 1} of its ${count} chunks are in Redis (the rest expired or were deleted)`);
      if (pieces > count + 1) {
        throw new StoredValueError(value.name, value.key, `is corrupted: ${pieces - 1} chunks are in Redis, its directory lists ${count} `
          + '(two attempts of one task writing it at once?)');
      }
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      if (foreign !== undefined) {
        throw new StoredValueError(value.name, value.key, `is corrupted: chunk ${foreign} of ${count} belongs to another write of it `
          + '(two attempts of one task writing it at once?)');
      }
      return decode(value, bytes, true);
    }
  }

  /** The list's first piece and its length, in one MULTI: no write lands between them. */
  private async directoryAndLength(key: string): Promise<[Buffer | null, number]> {
    const replies = await this.client.multi().lindexBuffer(key, 0).llen(key).exec();
    if (!replies) throw new Error(`the MULTI reading ${key}'s directory was aborted`);
    for (const [error] of replies) if (error) throw error;
    return [replies[0][1] as Buffer | null, replies[1][1] as number];
  }
}

function decode(value: ValueToRead, bytes: Buffer, ownBuffer: boolean): unknown {
  try {
    return decodeValue(bytes, { ownBuffer });
  } catch (error) {
    if (error instanceof ValueCodecError) throw new StoredValueError(value.name, value.key, `cannot be decoded: ${error.message}`, { cause: error });
    throw error;
  }
}
