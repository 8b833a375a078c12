import type { ConnectionOptions } from 'bullmq';
import Redis, { type RedisOptions } from 'ioredis';
import { HamiltonError } from '../../errors';

/**
 * Where Redis is: a `redis://` / `rediss://` URL (password, TLS and database
 * in the URL) or ioredis options, passed through as they are (password, tls,
 * db, username, sentinels…).
 */
export type RedisConnection = RedisOptions | string;

/** Redis cannot be reached, or went away while a run needed it. */
export class RedisConnectionError extends HamiltonError {}

/**
 * A driver fails rather than waits: a refused connection, a command during an
 * outage and a server that stays away for a few seconds all end in an error.
 * Each is only a default: the caller's own options win.
 */
export const DRIVER_DEFAULTS: RedisOptions = {
  connectTimeout: 5_000,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  // About 3 s of reconnecting, then 'end': pending waits are failed.
  retryStrategy: (times: number) => (times > 5 ? null : Math.min(times * 200, 1_000)),
  enableAutoPipelining: true,
  lazyConnect: true,
};

/**
 * Why the connection cannot be used, or undefined. ioredis' own `keyPrefix`
 * is refused: BullMQ refuses it too, and the value store's scripts and chunk
 * connection name their keys in full (the executor's `keyPrefix` option
 * prefixes every key instead).
 */
export function connectionProblem(connection: RedisConnection): string | undefined {
  const keyPrefix = typeof connection === 'object' ? connection.keyPrefix : urlKeyPrefix(connection);
  if (keyPrefix) {
    return `the Redis connection ${typeof connection === 'object' ? 'options set' : 'URL sets'} ioredis' keyPrefix (${JSON.stringify(keyPrefix)}), which BullMQ and hamilton-ts' values do not support: `
      + "leave it out, and give BullMQExecutor's own keyPrefix option instead (every value key starts with it)";
  }
  return undefined;
}

/** ioredis takes options from a URL's query too (`?keyPrefix=…`). */
function urlKeyPrefix(url: string): string | null {
  try {
    return new URL(url).searchParams.get('keyPrefix');
  } catch {
    return null;
  }
}

/** A new ioredis client: `defaults` fill only what the URL or the caller's options leave unset. */
export function createRedis(connection: RedisConnection, defaults: RedisOptions, overrides: RedisOptions = {}): Redis {
  if (typeof connection === 'string') return new Redis(connection, { ...defaults, ...overrides });
  return new Redis({ ...defaults, ...connection, ...overrides });
}

/** The same connection as options BullMQ accepts (it creates its own clients from them). */
export function bullmqConnection(connection: RedisConnection, defaults: RedisOptions, overrides: RedisOptions = {}): ConnectionOptions {
  if (typeof connection === 'string') return { ...defaults, ...overrides, url: connection } as ConnectionOptions;
  return { ...defaults, ...connection, ...overrides } as ConnectionOptions;
}

/** `redis://host:port/db`, for messages: never the password. */
export function describeRedis(connection: RedisConnection): string {
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      url.password = '';
      url.username = '';
      return url.toString().replace(/\/$/, '');
    } catch {
      return 'the Redis URL given (it does not parse as a URL)';
    }
  }
  if (connection.path) return `redis+unix://${connection.path}`;
  return `${connection.tls ? 'rediss' : 'redis'}://${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}${connection.db ? `/${connection.db}` : ''}`;
}

/** Connects a lazy client; a refusal, a timeout or a rejected password ends in a RedisConnectionError. */
export async function connectRedis(client: Redis, address: string): Promise<void> {
  if (client.status === 'ready') return;
  // connect() rejects with "Connection is closed"; the reason came in an 'error' event before it.
  let reason: Error | undefined;
  const remember = (error: Error) => {
    reason ??= error;
  };
  client.on('error', remember);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const message = String((reason ?? (error as Error))?.message ?? error).replace(/\.$/, '');
    throw new RedisConnectionError(`cannot reach Redis at ${address}: ${message}. `
      + 'Is redis-server running there, and are the connection options (password, TLS, db) right?', { cause: reason ?? error });
  } finally {
    client.off('error', remember);
  }
}
