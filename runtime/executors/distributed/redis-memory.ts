/**
 * The environment to start a redis-server with when columns travel through
 * it: jemalloc (Redis's allocator) advised onto transparent huge pages.
 * Redis copies every value it stores and every reply it sends into memory of
 * its own; on virtual machines fresh memory faults in 4 KiB at a time
 * (11-18 µs each here), so storing and sending an 80 MB column was mostly
 * page faults. With this setting an 80 MB SET took 33-118 ms instead of
 * 230-280, a GET 52-130 ms instead of 400-700 (README, "Redis for columns").
 *
 * Debian's redis-server links the system jemalloc, which reads MALLOC_CONF;
 * Redis built from source links its own jemalloc (prefix `je_`), which reads
 * JE_MALLOC_CONF. Each ignores the other's. It needs the kernel's
 * transparent huge pages at `madvise` (at `always`, pass `--disable-thp no`
 * to redis-server instead: Redis turns them off for itself there).
 * It also keeps what Redis frees for reuse (jemalloc's dirty_decay_ms -1:
 * never handed back to the kernel), as the CLI's setting does for node:
 * the next run's columns land in memory already faulted in, not fresh
 * (a 10M-row round trip through a worker 290-390 ms instead of 330-570).
 * Its cost: Redis keeps the memory of its largest moment. A MALLOC_CONF
 * already in the environment should win: spread this first. With
 * persistence on, a fork (BGSAVE) copies 2 MiB pages on write.
 */
export const REDIS_MEMORY_SETTING: Readonly<Record<'MALLOC_CONF' | 'JE_MALLOC_CONF', string>> = {
  MALLOC_CONF: 'thp:always,dirty_decay_ms:-1',
  JE_MALLOC_CONF: 'thp:always,dirty_decay_ms:-1',
};
