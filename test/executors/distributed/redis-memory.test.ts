import * as fs from 'fs';
import { REDIS_MEMORY_SETTING } from '../../../runtime/executors/distributed';
import { startRedis } from './harness';

// REDIS_MEMORY_SETTING puts what Redis stores on huge pages (the README's "Redis for columns"). Only where the kernel's
// transparent huge pages are at madvise: at always, Redis turns them off for itself (disable-thp) unless told not to.
jest.setTimeout(60_000);

const thp = (() => {
  try {
    return /\[madvise\]/.test(fs.readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8')) && fs.existsSync('/proc/self/smaps_rollup');
  } catch {
    return false;
  }
})();

/** KiB of Redis's memory on transparent huge pages after it stores a 64 MB value. */
async function hugeKiBAfterStoring(env: NodeJS.ProcessEnv): Promise<number> {
  const redis = await startRedis(env);
  try {
    await redis.client.set('column', Buffer.alloc(64 * 1024 * 1024, 1));
    expect(await redis.client.strlen('column')).toBe(64 * 1024 * 1024);
    const rollup = fs.readFileSync(`/proc/${redis.pid}/smaps_rollup`, 'utf8');
    return Number(/AnonHugePages:\s+(\d+) kB/.exec(rollup)![1]);
  } finally {
    await redis.stop();
  }
}

(thp ? test : test.skip)('a redis-server started with REDIS_MEMORY_SETTING keeps a stored column on huge pages; without it, on 4 KiB pages', async () => {
  const plain = { ...process.env };
  delete plain.MALLOC_CONF;
  delete plain.JE_MALLOC_CONF;
  expect(await hugeKiBAfterStoring({ ...plain, ...REDIS_MEMORY_SETTING })).toBeGreaterThanOrEqual(32 * 1024);
  expect(await hugeKiBAfterStoring(plain)).toBe(0);
});

test('with REDIS_MEMORY_SETTING, the memory Redis frees stays with it for the next values (jemalloc never hands it back)', async () => {
  const redis = await startRedis({ ...process.env, ...REDIS_MEMORY_SETTING });
  try {
    // What jemalloc applied, as Redis reports it; a redis-server built without jemalloc has nothing to report.
    const stats = String(await redis.client.call('MEMORY', 'MALLOC-STATS'));
    if (!/opt\.dirty_decay_ms/.test(stats)) return;
    expect(stats).toMatch(/opt\.dirty_decay_ms: -1/);
    expect(stats).toMatch(/opt\.thp: "always"/);
  } finally {
    await redis.stop();
  }
});
