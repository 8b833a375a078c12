import { Command, type Redis } from 'ioredis';
import type { BulkTarget } from './reply-parser';

/**
 * How a chunked value's chunks travel (the value store's first pieces and
 * scripts always go through the ioredis client). Two implementations: a
 * ChunkChannel, a plain socket of its own beside the client whose bytes go
 * straight between the typed arrays and the socket; and ClientChunks, the
 * ioredis client itself, for connections a plain socket cannot repeat (TLS,
 * Sentinel, Cluster) or when that socket cannot be opened.
 */
export interface ChunkTransport {
  /** RPUSHX: appends `head` then `chunk`, as one element, to the list at `key` if the list exists; the list's new length, 0 when it does not exist. */
  push(key: string, head: Uint8Array, chunk: Uint8Array): Promise<number>;
  /**
   * LINDEX: the element at `index` of the list at `key`, copied to the
   * target (its head, then the rest) when it has the target's size.
   * Resolves to the element's length (nothing copied unless it is the
   * target's size), or null when there is no such element.
   */
  readInto(key: string, index: number, target: BulkTarget): Promise<number | null>;
}

/** Chunks through the ioredis client: each reply is a Buffer of its own, copied once into place; each push is joined to its head, then copied into one command buffer by ioredis. */
export class ClientChunks implements ChunkTransport {
  constructor(private readonly client: Redis) {}

  /** Sent at once, past auto-pipelining (which would copy the chunks into one buffer). */
  push(key: string, head: Uint8Array, chunk: Uint8Array): Promise<number> {
    const command = new Command('rpushx', [key, Buffer.concat([head, chunk])]);
    void this.client.sendCommand(command);
    return command.promise as Promise<number>;
  }

  async readInto(key: string, index: number, { head, dest, at, length }: BulkTarget): Promise<number | null> {
    const element = await this.client.lindexBuffer(key, index);
    if (!element) return null;
    const headBytes = head?.length ?? 0;
    if (element.length === headBytes + length) {
      head?.set(element.subarray(0, headBytes));
      dest.set(element.subarray(headBytes), at);
    }
    return element.length;
  }
}
