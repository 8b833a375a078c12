import type Redis from 'ioredis';

/**
 * What a Redis server did between two snapshots, from INFO: commands run
 * (commandstats, the INFO calls themselves left out), bytes in and out of
 * its sockets, and the CPU time of its main thread (the one that runs every
 * command: what saturates first).
 */
export interface RedisUsage {
  calls: number;
  /** Calls by command, e.g. { evalsha: 40, get: 12 }. */
  byCommand: Record<string, number>;
  /** Time inside commands, as commandstats counts it (µs). */
  commandUs: number;
  netInputBytes: number;
  netOutputBytes: number;
  /** User + system CPU of the main thread (ms). */
  mainThreadCpuMs: number;
}

interface Snapshot {
  stats: Map<string, { calls: number; usec: number }>;
  netInput: number;
  netOutput: number;
  cpuMs: number;
  /** The reply's own size: it is counted in the next snapshot's output bytes. */
  replyBytes: number;
}

function field(info: string, name: string): number {
  const match = new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info);
  if (!match) throw new Error(`Redis INFO has no ${name}: Redis 7 or later reports it`);
  return Number(match[1]);
}

export async function snapshot(client: Redis): Promise<Snapshot> {
  const info = await client.info('everything');
  const stats = new Map<string, { calls: number; usec: number }>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats.set(match[1], { calls: Number(match[2]), usec: Number(match[3]) });
  }
  return {
    stats,
    netInput: field(info, 'total_net_input_bytes'),
    netOutput: field(info, 'total_net_output_bytes'),
    cpuMs: (field(info, 'used_cpu_sys_main_thread') + field(info, 'used_cpu_user_main_thread')) * 1000,
    replyBytes: Buffer.byteLength(info),
  };
}

export function usageBetween(before: Snapshot, after: Snapshot): RedisUsage {
  const byCommand: Record<string, number> = {};
  let calls = 0;
  let commandUs = 0;
  for (const [name, now] of after.stats) {
    if (name === 'info') continue;
    const was = before.stats.get(name) ?? { calls: 0, usec: 0 };
    if (now.calls === was.calls) continue;
    byCommand[name] = now.calls - was.calls;
    calls += now.calls - was.calls;
    commandUs += now.usec - was.usec;
  }
  return {
    calls,
    byCommand,
    commandUs,
    netInputBytes: after.netInput - before.netInput,
    netOutputBytes: after.netOutput - before.netOutput - before.replyBytes,
    mainThreadCpuMs: after.cpuMs - before.cpuMs,
  };
}
