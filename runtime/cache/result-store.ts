import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeResult, encodeResult, formatCode, type ResultFormat } from './result-format';
import { xxhash64 } from './xxhash';

/** Why a stored result could not be read: the file is gone (a cleared cache), or it is damaged. */
export type ReadFailure = { missing: true } | { missing: false; reason: string };

const MAGIC = 'HTCACHE1';
const HEADER = 32; // magic 8, checksum 16 hex, payload length u32, format u8, padding: the payload starts 8-aligned

/**
 * Results as files, one per data version (Hamilton's `FileResultStore`):
 * `results/<data version>`. Each file carries its payload's xxHash64 and
 * length, so a truncated or damaged file is detected and read as a miss, never
 * as a value. Writes go to a temporary file renamed into place, so another
 * process reading the same directory sees a whole file or none.
 */
export class ResultStore {
  readonly directory: string;

  constructor(cacheDirectory: string) {
    this.directory = path.join(cacheDirectory, 'results');
  }

  fileOf(dataVersion: string): string {
    return path.join(this.directory, dataVersion);
  }

  /** Whether a result file of this data version exists (then writing it again is not needed). */
  has(dataVersion: string): boolean {
    return fs.existsSync(this.fileOf(dataVersion));
  }

  /** Encodes and writes a result; throws CacheFormatError when the value does not fit the format. */
  put(node: string, dataVersion: string, format: ResultFormat, value: unknown): void {
    const payload = encodeResult(node, format, value);
    const header = Buffer.alloc(HEADER);
    header.write(MAGIC, 0, 'latin1');
    header.write(xxhash64(payload), 8, 'latin1');
    header.writeUInt32LE(payload.byteLength, 24);
    header.writeUInt8(formatCode(format, value), 28);
    const target = this.fileOf(dataVersion);
    const temp = path.join(this.directory, `.${dataVersion}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    const write = () => {
      const fd = fs.openSync(temp, 'w');
      try {
        try {
          fs.writeSync(fd, header);
          fs.writeSync(fd, payload);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(temp, target);
      } catch (error) {
        fs.rmSync(temp, { force: true }); // a failed write leaves nothing behind, under either name
        throw error;
      }
    };
    try {
      write();
    } catch (error) {
      // The directory was removed under us (a cleared cache): make it again, once.
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      fs.mkdirSync(this.directory, { recursive: true });
      write();
    }
  }

  /** The stored value, or why there is none. */
  get(dataVersion: string): { value: unknown } | ReadFailure {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.fileOf(dataVersion));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { missing: true };
      return { missing: false, reason: (error as Error).message };
    }
    if (bytes.length < HEADER || bytes.toString('latin1', 0, 8) !== MAGIC) return { missing: false, reason: 'not a hamilton-ts result file (bad header)' };
    const length = bytes.readUInt32LE(24);
    if (bytes.length !== HEADER + length) return { missing: false, reason: `truncated or overlong: ${bytes.length - HEADER} payload bytes, ${length} expected` };
    const payload = bytes.subarray(HEADER);
    if (xxhash64(payload) !== bytes.toString('latin1', 8, 24)) return { missing: false, reason: 'its checksum does not match its content (damaged)' };
    try {
      return { value: decodeResult(bytes.readUInt8(28), payload) };
    } catch (error) {
      return { missing: false, reason: `it does not decode: ${(error as Error).message}` };
    }
  }

  /** Removes the result files of these data versions; returns how many were there. */
  delete(dataVersions: Iterable<string>): number {
    let removed = 0;
    for (const version of dataVersions) {
      try {
        fs.unlinkSync(this.fileOf(version));
        removed++;
      } catch {
        // already gone
      }
    }
    return removed;
  }

  /** Total bytes of the stored files of these data versions. */
  sizeOf(dataVersion: string): number | undefined {
    try {
      return fs.statSync(this.fileOf(dataVersion)).size;
    } catch {
      return undefined;
    }
  }
}
