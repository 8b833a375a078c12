import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './usage-error';

function reason(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return writing ? 'its directory does not exist' : 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error)?.message ?? String(error);
}

/** Reads a file the user named; `what` says which one in the error ("input file", "config file"). */
export function readUserFile(file: string, what: string): Buffer;
export function readUserFile(file: string, what: string, encoding: 'utf8'): string;
export function readUserFile(file: string, what: string, encoding?: 'utf8'): Buffer | string {
  try {
    return fs.readFileSync(file, encoding);
  } catch (error) {
    throw new UsageError(`cannot read ${what} '${file}': ${reason(error)}`, { cause: error });
  }
}

export function writeUserFile(file: string, what: string, data: string | Uint8Array): void {
  try {
    fs.writeFileSync(file, data);
  } catch (error) {
    throw new UsageError(`cannot write ${what} '${file}': ${reason(error, true)}`, { cause: error });
  }
}

/** The handler for a file's extension (case-insensitive), or an error listing the extensions there are. */
export function byExtension<T>(file: string, what: string, handlers: Readonly<Record<string, T>>): T {
  const extension = path.extname(file).toLowerCase();
  if (!Object.hasOwn(handlers, extension)) {
    throw new UsageError(`${what} '${file}' has ${extension ? `the unknown extension '${extension}'` : 'no extension'}; use ${Object.keys(handlers).join(', ')}`);
  }
  return handlers[extension];
}
