import * as net from 'node:net';
import type { Redis } from 'ioredis';
import { ClientChunks, type ChunkTransport } from './chunk-transport';
import { RedisReplyError, ReplyParser, type BulkTarget } from './reply-parser';

/**
 * One socket's receive buffer, reused for every read. Node otherwise
 * allocates a fresh buffer per socket read and ioredis another per reply:
 * an 80 MB column read that way is some 240 MB of garbage, and the major
 * collections it sets off (external memory pressure) took more CPU than the
 * copying on these 2-core machines (README, "Redis for columns").
 */
const RECEIVE_BYTES = 256 * 1024;

interface Waiting {
  resolve(value: number | null): void;
  reject(error: Error): void;
  target?: BulkTarget;
}

/** The part of ioredis' options a plain socket needs to reach the same server, as the same user, on the same database (keyPrefix is refused: redis-connection.ts). */
interface PlainOptions {
  host?: string;
  port?: number;
  family?: number;
  path?: string;
  username?: string;
  password?: string;
  db?: number;
  connectTimeout?: number;
}

/**
 * A value's chunks on a socket of their own beside an ioredis client: pushed
 * with writev straight from the typed array's memory (ioredis would copy each
 * into a command buffer), read into their destination straight from one
 * reused receive buffer (ReplyParser). Opened on first use with the client's
 * own address, user, password and database (AUTH, SELECT, then a PING that
 * says it works); closed when the client ends. Commands on it are ordered
 * among themselves only: the value store starts a list on the client, and
 * waits for that, before it pushes chunks here.
 */
export class ChunkChannel implements ChunkTransport {
  private socket: net.Socket | undefined;
  private opening: Promise<boolean> | undefined;
  private readonly waiting: Waiting[] = [];
  private head = 0;
  private closed = false;

  constructor(private readonly options: PlainOptions) {}

  /** Connects and checks the connection; false when it cannot be used (the caller then keeps to the ioredis client). */
  open(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.opening ??= this.connect().catch(() => {
      this.socket?.destroy();
      this.opening = undefined;
      return false;
    });
    return this.opening;
  }

  async push(key: string, chunk: Uint8Array): Promise<number> {
    await this.reopened();
    return this.send(`*3\r\n$6\r\nRPUSHX\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$${chunk.byteLength}\r\n`, undefined, chunk) as Promise<number>;
  }

  async readInto(key: string, index: number, dest: Uint8Array, at: number, length: number): Promise<number | null> {
    await this.reopened();
    const i = String(index);
    return this.send(`*3\r\n$6\r\nLINDEX\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$${i.length}\r\n${i}\r\n`, { dest, at, length });
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }

  /** After the socket was lost (Redis restarted, a network fault), the next command opens another. */
  private async reopened(): Promise<void> {
    if (this.socket && !this.socket.destroyed) return;
    if (!(await this.open())) throw new Error('the chunk connection to Redis could not be opened again');
  }

  private async connect(): Promise<boolean> {
    const { host, port, family, path, username, password, db, connectTimeout } = this.options;
    const waiting = this.waiting;
    const parser = new ReplyParser({
      targetOf: () => waiting[this.head]?.target,
      reply: (value) => this.settle(value),
      broken: (reason) => this.socket?.destroy(new Error(`Redis sent ${reason} on the chunk connection`)),
    });
    const socket = net.createConnection({
      ...(path ? { path } : { host: host ?? '127.0.0.1', port: port ?? 6379, ...(family ? { family } : {}) }),
      onread: { buffer: Buffer.allocUnsafe(RECEIVE_BYTES), callback: (count, buffer) => {
        parser.feed(buffer, count);
        return true;
      } },
    });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // 'close' follows, with the waiting commands failed there
    socket.on('close', () => this.lost(socket));
    socket.setTimeout(connectTimeout ?? 10_000, () => socket.destroy(new Error('the chunk connection to Redis timed out')));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('close', () => reject(new Error('closed')));
    });
    socket.setTimeout(0);
    const checks: Promise<unknown>[] = [];
    if (password) checks.push(this.send(command(username ? ['AUTH', username, password] : ['AUTH', password])));
    if (db) checks.push(this.send(command(['SELECT', String(db)])));
    checks.push(this.send(command(['PING'])));
    await Promise.all(checks);
    this.idle();
    return true;
  }

  private send(header: string, target?: BulkTarget, body?: Uint8Array): Promise<number | null> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new Error('the chunk connection to Redis is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, target });
      socket.ref();
      if (!body) {
        socket.write(header);
        return;
      }
      socket.cork();
      socket.write(header);
      socket.write(body);
      socket.write('\r\n');
      socket.uncork();
    });
  }

  private settle(value: number | null | RedisReplyError): void {
    const next = this.waiting[this.head++];
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
      this.idle();
    } else if (this.head >= 1024) {
      // Never drained (a busy worker): drop the settled ones now and then.
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    if (!next) {
      this.socket?.destroy(new Error('Redis sent a reply no command asked for on the chunk connection'));
      return;
    }
    if (value instanceof RedisReplyError) next.reject(value);
    else next.resolve(value);
  }

  /** Nothing waiting: the socket does not keep the process alive (the ioredis client decides that). */
  private idle(): void {
    if (this.head === this.waiting.length) this.socket?.unref();
  }

  private lost(socket: net.Socket): void {
    if (this.socket !== socket) return;
    const failed = this.waiting.splice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    this.socket = undefined;
    this.opening = undefined;
    const error = new Error('the chunk connection to Redis closed');
    for (const w of failed) w.reject(error);
  }
}

function command(args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

const transports = new WeakMap<Redis, Promise<ChunkTransport>>();

/**
 * The chunk transport for a client: its ChunkChannel when a plain socket can
 * repeat its connection (not TLS, Sentinel or Cluster) and opens, the client
 * itself otherwise. One per client, closed with it.
 */
export function chunkTransportOf(client: Redis): Promise<ChunkTransport> {
  let transport = transports.get(client);
  if (!transport) {
    transport = openTransport(client);
    transports.set(client, transport);
  }
  return transport;
}

async function openTransport(client: Redis): Promise<ChunkTransport> {
  const options = client.options as PlainOptions & { tls?: unknown; sentinels?: unknown[]; Connector?: unknown };
  const fallback = new ClientChunks(client);
  if ((client as { isCluster?: boolean }).isCluster || !options || options.tls || options.sentinels?.length || options.Connector) return fallback;
  const channel = new ChunkChannel(options);
  // A client connected again after it ended gets a channel of its own.
  client.once('end', () => {
    transports.delete(client);
    channel.close();
  });
  return (await channel.open()) ? channel : fallback;
}
