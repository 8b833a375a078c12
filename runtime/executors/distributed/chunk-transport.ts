import { Command, type Redis } from 'ioredis';

/**
 * How a chunked value's chunks travel (the value store's first pieces and
 * scripts always go through the ioredis client). Two implementations: a
 * ChunkChannel, a plain socket of its own beside the client whose bytes go
 * straight between the typed arrays and the socket; and ClientChunks, the
 * ioredis client itself, for connections a plain socket cannot repeat (TLS,
 * Sentinel, Cluster) or when that socket cannot be opened.
 */
export interface ChunkTransport {
  /** RPUSHX: appends the chunk to the list at `key` if the list exists; the list's new length, 0 when it does not exist. */
  push(key: string, chunk: Uint8Array): Promise<number>;
  /**
   * LINDEX: the chunk at `index` of the list at `key`, copied to `dest` at
   * `at` when it has `length` bytes. Resolves to the chunk's length (nothing
   * copied unless it is `length`), or null when there is no such chunk.
   */
  readInto(key: string, index: number, dest: Uint8Array, at: number, length: number): Promise<number | null>;
}

/** Chunks through the ioredis client: each reply is a Buffer of its own, copied once into place; each push is copied into one command buffer by ioredis. */
export class ClientChunks implements ChunkTransport {
  constructor(private readonly client: Redis) {}

  /** Sent at once, past auto-pipelining (which would copy the chunks into one buffer). */
  push(key: string, chunk: Uint8Array): Promise<number> {
    const command = new Command('rpushx', [key, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
    void this.client.sendCommand(command);
    return command.promise as Promise<number>;
  }

  async readInto(key: string, index: number, dest: Uint8Array, at: number, length: number): Promise<number | null> {
    const chunk = await this.client.lindexBuffer(key, index);
    if (!chunk) return null;
    if (chunk.length === length) dest.set(chunk, at);
    return chunk.length;
  }
}
