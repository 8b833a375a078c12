/**
 * Output columns for the `col` kernels, without zeroing.
 *
 * `new Float64Array(n)` asks for zeroed memory (calloc). When malloc hands
 * back memory the process already had, which is what a reused heap does
 * (see README, "Memory and huge pages"), calloc clears it: a full pass over
 * the column, as costly as the kernel's own, before the kernel writes every
 * element again. `Buffer.allocUnsafeSlow` asks for the same memory without
 * clearing it (malloc; its own ArrayBuffer, never Node's shared pool).
 *
 * The contract, which keeps stale bytes from ever reaching a result: a
 * kernel takes its output from `uninitializedColumn` only if it writes
 * every element, on every path (NaNs, nulls, short columns, a rolling
 * window's first rows), before the column leaves the kernel.
 * test/values/column-alloc.test.ts hands each kernel garbage-filled memory
 * to prove it. Small columns stay zeroed: below a few KiB, creating the
 * Buffer costs more than clearing it.
 */
const SMALLEST_UNINITIALIZED = 512;

export function uninitializedColumn(length: number): Float64Array {
  if (length < SMALLEST_UNINITIALIZED) return new Float64Array(length);
  return new Float64Array(Buffer.allocUnsafeSlow(length * Float64Array.BYTES_PER_ELEMENT).buffer, 0, length);
}
