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
  /** The socket being opened or open; commands other than the handshake go on it only once `ready`. */
  private socket: net.Socket | undefined;
  private ready = false;
  private opening: Promise<boolean> | undefined;
  /** Why the last socket failed, for the error of whatever was waiting on it. */
  private failure: Error | undefined;
  private readonly waiting: (Waiting | undefined)[] = [];
  private head = 0;
  private closed = false;

  constructor(private readonly options: PlainOptions) {}

  /** Connects and checks the connection; false when it cannot be used (the caller then keeps to the ioredis client). */
  open(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (!this.opening) {
      const connecting = this.connect();
      // connect() set this.socket before its first await: this attempt's own, the only one its failure may destroy.
      const socket = this.socket;
      const opening: Promise<boolean> = connecting.catch((error: Error) => {
        if (this.socket === socket || !this.socket) this.failure = error;
        socket?.destroy();
        if (this.opening === opening) this.opening = undefined;
        return false;
      });
      this.opening = opening;
    }
    return this.opening;
  }

  async push(key: string, head: Uint8Array, chunk: Uint8Array): Promise<number> {
    const socket = await this.readySocket();
    const bytes = head.byteLength + chunk.byteLength;
    return this.send(socket, `*3\r\n$6\r\nRPUSHX\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$${bytes}\r\n`, undefined, [head, chunk]) as Promise<number>;
  }

  async readInto(key: string, index: number, target: BulkTarget): Promise<number | null> {
    const socket = await this.readySocket();
    const i = String(index);
    return this.send(socket, `*3\r\n$6\r\nLINDEX\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n$${i.length}\r\n${i}\r\n`, target);
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }

  /** The open socket; after one was lost (Redis restarted, a network fault), another, once its handshake is done. */
  private async readySocket(): Promise<net.Socket> {
    const current = this.socket;
    if (current && this.ready && !current.destroyed) return current;
    // Destroyed, its 'close' not yet emitted: it is lost now, not on a later turn (open() would hand back its resolved opening).
    if (current?.destroyed) this.lost(current);
    if (await this.open()) {
      const opened = this.socket;
      if (opened && this.ready && !opened.destroyed) return opened;
    }
    throw new Error(`the chunk connection to Redis could not be opened again${this.failure ? `: ${this.failure.message}` : ''}`, { cause: this.failure });
  }

  private async connect(): Promise<boolean> {
    const { host, port, family, path, username, password, db, connectTimeout } = this.options;
    const parser = new ReplyParser({
      targetOf: () => this.waiting[this.head]?.target,
      reply: (value) => this.settle(socket, value),
      broken: (reason) => socket.destroy(new Error(`Redis sent ${reason} on the chunk connection`)),
    });
    const socket = net.createConnection({
      ...(path ? { path } : { host: host ?? '127.0.0.1', port: port ?? 6379, ...(family ? { family } : {}) }),
      onread: { buffer: Buffer.allocUnsafe(RECEIVE_BYTES), callback: (count, buffer) => {
        parser.feed(buffer, count);
        return true;
      } },
    });
    this.socket = socket;
    this.ready = false;
    this.failure = undefined;
    socket.setNoDelay(true);
    socket.on('error', (error) => {
      this.failure = error;
    });
    socket.on('close', () => this.lost(socket));
    // Connecting and the handshake: a server that accepts but never answers fails it too.
    socket.setTimeout(connectTimeout ?? 10_000, () => socket.destroy(new Error(`no answer within ${connectTimeout ?? 10_000} ms`)));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('close', () => reject(this.failure ?? new Error('closed while connecting')));
    });
    const checks: Promise<unknown>[] = [];
    if (password) checks.push(this.send(socket, command(username ? ['AUTH', username, password] : ['AUTH', password])));
    if (db) checks.push(this.send(socket, command(['SELECT', String(db)])));
    checks.push(this.send(socket, command(['PING'])));
    await Promise.all(checks);
    socket.setTimeout(0);
    this.ready = true;
    this.idle(socket);
    return true;
  }

  private send(socket: net.Socket, header: string, target?: BulkTarget, body?: Uint8Array[]): Promise<number | null> {
    if (socket.destroyed || socket !== this.socket) return Promise.reject(this.lostError());
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, target });
      socket.ref();
      if (!body) {
        socket.write(header);
        return;
      }
      socket.cork();
      socket.write(header);
      for (const part of body) socket.write(part);
      socket.write('\r\n');
      socket.uncork();
    });
  }

  private settle(socket: net.Socket, value: number | null | RedisReplyError): void {
    if (socket !== this.socket) return; // a lost socket's commands were failed already
    const next = this.waiting[this.head];
    // Settled: its destination no longer held here.
    this.waiting[this.head++] = undefined;
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
      if (this.ready) this.idle(socket);
    } else if (this.head >= 1024) {
      // Never drained (a busy worker): drop the settled ones now and then.
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    if (!next) {
      socket.destroy(new Error('Redis sent a reply no command asked for on the chunk connection'));
      return;
    }
    if (value instanceof RedisReplyError) next.reject(value);
    else next.resolve(value);
  }

  /** Nothing waiting: the socket does not keep the process alive (the ioredis client decides that). */
  private idle(socket: net.Socket): void {
    if (this.head === this.waiting.length) socket.unref();
  }

  private lostError(): Error {
    return new Error(`the chunk connection to Redis closed${this.failure ? `: ${this.failure.message}` : ''}`, { cause: this.failure });
  }

  private lost(socket: net.Socket): void {
    if (this.socket !== socket) return;
    const failed = this.waiting.splice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    this.socket = undefined;
    this.ready = false;
    this.opening = undefined;
    const error = this.lostError();
    for (const w of failed) w?.reject(error);
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
  // An ended client would never close a channel opened for it.
  if (client.status === 'end') return Promise.resolve(new ClientChunks(client));
  let transport = transports.get(client);
  if (!transport) {
    const pending: Promise<ChunkTransport> = openTransport(client, () => {
      if (transports.get(client) === pending) transports.delete(client);
    });
    transports.set(client, pending);
    transport = pending;
  }
  return transport;
}

/** After a channel failed to open (Redis loading, at its client limit), the client's own path serves for this long before another try. */
const RETRY_OPEN_MS = 10_000;

async function openTransport(client: Redis, forget: () => void): Promise<ChunkTransport> {
  const options = client.options as PlainOptions & { tls?: unknown; sentinels?: unknown[]; Connector?: unknown };
  const fallback = new ClientChunks(client);
  if ((client as { isCluster?: boolean }).isCluster || options.tls || options.sentinels?.length || options.Connector) return fallback;
  const channel = new ChunkChannel(options);
  // A client connected again after it ended gets a channel of its own.
  const ended = () => {
    forget();
    channel.close();
  };
  client.once('end', ended);
  if (await channel.open()) return channel;
  client.off('end', ended);
  setTimeout(forget, RETRY_OPEN_MS).unref();
  return fallback;
}
