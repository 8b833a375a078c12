import { Command, type Redis } from 'ioredis';

/**
 * A run's marker key, `<keyPrefix>:run:<runId>:live`: the driver sets it
 * (with the run's expiry) before the run's first task and deletes it first
 * when the run ends; a worker writes a task's outputs or error only while it
 * exists, checked in the same Lua script as the writes. So a task that ends
 * after its run did — one still running when the run failed or its executor
 * was closed, a stalled task's late first attempt — writes nothing the
 * driver's clean-up could have missed.
 */
export function runMarkerKey(runPrefix: string): string {
  return `${runPrefix}:live`;
}

// KEYS[1]: the marker; KEYS[2..n]: value lists to start afresh. ARGV[1]: their expiry in seconds; ARGV[2..n]: each list's first piece.
const START_WHILE_LIVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #KEYS do
  redis.call('DEL', KEYS[i])
  redis.call('RPUSH', KEYS[i], ARGV[i])
  redis.call('EXPIRE', KEYS[i], ARGV[1])
end
return 1`;

/**
 * Starts each list (the value store's: a value's first piece, then its chunks)
 * afresh with its first piece, expiring after `ttlSeconds`, if the run's marker
 * exists; says whether it did. The chunks follow with RPUSHX, which writes
 * only to a list that exists: once the run's clean-up deleted the marker and
 * then the lists, a late chunk writes nothing either, without a script per chunk.
 *
 * Sent at once as EVAL (not ioredis' EVALSHA, retried as EVAL after a
 * NOSCRIPT), and past auto-pipelining: the chunks sent right behind it must
 * reach Redis after it.
 */
export function startListsWhileLive(client: Redis, marker: string, entries: readonly (readonly [string, Buffer])[], ttlSeconds: number): Promise<boolean> {
  const command = new Command('eval', [START_WHILE_LIVE, entries.length + 1, marker, ...entries.map(([key]) => key), ttlSeconds, ...entries.map(([, bytes]) => bytes)]);
  void client.sendCommand(command);
  return (command.promise as Promise<number>).then((started) => started === 1);
}
