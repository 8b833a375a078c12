import * as fs from 'fs';
import * as path from 'path';
import type { AdapterContext } from './data-adapter';
import { LoadError, SaveError } from './adapter-errors';

/** Why a file could not be read or written, in words. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return (error as Error)?.message ?? String(error);
}

/** A file's bytes for a loader; a missing or unreadable file is a LoadError naming the adapter, the path and the node. */
export function readSource(adapter: string, file: string, context: AdapterContext): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new LoadError(adapter, file, fileProblem(error), context.node, { cause: error });
  }
}

/**
 * Runs a loader's read of a file: a file-system error (no such file, a directory, no
 * permission) becomes a LoadError naming the adapter, the path and the node.
 */
export async function readingFile<T>(adapter: string, file: string, context: AdapterContext, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // Node's file-system errors carry the system call that failed.
    if (typeof (error as NodeJS.ErrnoException)?.syscall === 'string') {
      throw new LoadError(adapter, file, fileProblem(error), context.node, { cause: error });
    }
    throw error;
  }
}

/** The temporary file a save writes first: beside the target (same file system, so the rename is atomic), hidden, unique. */
export const temporaryPath = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);

/**
 * Writes a saver's file all or nothing: the directory is created when missing, the bytes
 * go to a temporary file beside the target, which is renamed over it only once complete.
 * If writing fails the temporary file is removed and the target is as it was.
 * `write` gets the temporary path (for writers that write files themselves, like DuckDB).
 * Returns the bytes written.
 */
export async function writeAtomically(
  adapter: string,
  file: string,
  context: AdapterContext,
  write: Uint8Array | string | ((temporary: string) => void | Promise<void>),
): Promise<number> {
  const fail = (error: unknown): never => {
    throw new SaveError(adapter, file, fileProblem(error), context.node, { cause: error });
  };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    fail(error);
  }
  const temporary = temporaryPath(file);
  try {
    if (typeof write === 'function') await write(temporary);
    else fs.writeFileSync(temporary, write);
    const bytes = fs.statSync(temporary).size;
    fs.renameSync(temporary, file);
    return bytes;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof SaveError || error instanceof LoadError) throw error;
    return fail(error);
  }
}
