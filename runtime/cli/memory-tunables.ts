/**
 * glibc malloc settings for column work, as one `GLIBC_TUNABLES` value: the
 * setting the processes hamilton-ts starts run with, and the one documented
 * for your own `node` process (README, "Memory and huge pages").
 *
 * - `hugetlb=1`: memory malloc takes from the kernel is advised onto 2 MiB
 *   transparent huge pages: 4 page faults for a fresh 8 MB column, not 2,048.
 * - `mmap_threshold` and `trim_threshold` at 1 GiB: a column up to 1 GiB
 *   comes from the heap, and a freed one stays there (up to 1 GiB of free
 *   memory at the top of the heap) for the next column to reuse, its pages
 *   already mapped. By default glibc maps each block over 32 MiB afresh and
 *   unmaps it when freed, and gives back the top of the heap past 2× its
 *   largest freed block: every run faults its columns in again. The cost: a
 *   process keeps up to 1 GiB it freed (its resident memory stays near its
 *   high-water mark until then). glibc 2.36 accepts these values from the
 *   tunables (`mallopt` too), beyond the 32 MiB its dynamic threshold stops at.
 */
export interface MemoryTunable {
  readonly name: string;
  readonly value: string;
  /** The older environment variable that sets the same (`MALLOC_TRIM_THRESHOLD_`). */
  readonly alias?: string;
  /** Only with transparent huge pages in the kernel (`always` or `madvise`). */
  readonly needsHugePages?: boolean;
}

const GIB = String(1024 ** 3);

export const MEMORY_TUNABLES: readonly MemoryTunable[] = [
  { name: 'glibc.malloc.hugetlb', value: '1', needsHugePages: true },
  { name: 'glibc.malloc.mmap_threshold', value: GIB, alias: 'MALLOC_MMAP_THRESHOLD_' },
  { name: 'glibc.malloc.trim_threshold', value: GIB, alias: 'MALLOC_TRIM_THRESHOLD_' },
];

/** The one setting, in full: `glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=…:glibc.malloc.trim_threshold=…`. */
export const MEMORY_SETTING = MEMORY_TUNABLES.map((t) => `${t.name}=${t.value}`).join(':');

/** The tunable names a `GLIBC_TUNABLES` value sets. */
function namesIn(tunables: string): Set<string> {
  return new Set(tunables.split(':').map((pair) => pair.split('=')[0].trim()).filter(Boolean));
}

/**
 * `GLIBC_TUNABLES` with ours added after whatever the environment already
 * sets: a tunable you set (in `GLIBC_TUNABLES` or by its older variable)
 * keeps your value. Undefined when there is nothing to add.
 */
export function withMemoryTunables(env: NodeJS.ProcessEnv, hugePages: boolean): string | undefined {
  const current = env.GLIBC_TUNABLES ?? '';
  const set = namesIn(current);
  const added = MEMORY_TUNABLES
    .filter((t) => !set.has(t.name) && !(t.alias && env[t.alias] !== undefined) && (hugePages || !t.needsHugePages))
    .map((t) => `${t.name}=${t.value}`);
  if (!added.length) return undefined;
  return [current, ...added].filter(Boolean).join(':');
}
