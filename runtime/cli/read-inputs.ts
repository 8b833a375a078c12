import { HamiltonError } from '../errors';
import { locateInFile, readArrow, readCsv, readJson, readParquet, type FileTable } from '../io';
import type { Table } from '../values/values';
import { tableColumns } from '../values/values';
import { byExtension, readUserFile } from './files';
import { UsageError } from './usage-error';

type Read = (file: string) => FileTable;

const fromArrowFile: Read = (file) => readArrow(readUserFile(file, 'input file'), file);

/** The readers (runtime/io), by extension. JSON may be rows (`[{...}]`) or columns (`{"a": [...]}`). */
const READERS: Readonly<Record<string, { format: string; read: Read }>> = {
  '.csv': { format: 'CSV', read: (file) => readCsv(readUserFile(file, 'input file', 'utf8'), file) },
  '.json': { format: 'JSON', read: (file) => readJson(readUserFile(file, 'input file', 'utf8'), file) },
  '.arrow': { format: 'Arrow', read: fromArrowFile },
  '.feather': { format: 'Arrow', read: fromArrowFile },
  // Needs the optional parquet-wasm, loaded on the first .parquet file.
  '.parquet': { format: 'Parquet', read: (file) => readParquet(readUserFile(file, 'input file'), file) },
};

/** One input file as a table, picked by its extension, with where its rows are in the file. */
export function readTableFile(file: string): FileTable {
  const { format, read } = byExtension(file, 'input file', READERS);
  try {
    return read(file);
  } catch (error) {
    // The readers' own errors (FileFormatError, UsageError) already name the file and what is wrong.
    if (error instanceof HamiltonError) throw error;
    throw new UsageError(`cannot parse input file '${file}' as ${format}: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

/** One input file as an Arquero table, picked by its extension. */
export const readTable = (file: string): Table => readTableFile(file).table;

/** The columns of the input files, each one input, and the file each came from. */
export interface InputFiles {
  values: Record<string, ArrayLike<unknown>>;
  sources: ReadonlyMap<string, FileTable>;
}

/** The columns of every input file, by name: each column is one input. A column in two files is ambiguous. */
export function readInputs(files: readonly string[]): InputFiles {
  const values: Record<string, ArrayLike<unknown>> = {};
  const sources = new Map<string, FileTable>();
  for (const file of files) {
    const source = readTableFile(file);
    for (const [name, column] of Object.entries(tableColumns(source.table))) {
      const first = sources.get(name);
      if (first !== undefined) throw new UsageError(`input column '${name}' is in both '${first.file}' and '${file}'`);
      sources.set(name, source);
      values[name] = column;
    }
  }
  return { values, sources };
}

/** A run's error about an input column, told as the line or row of the file it came from. */
export function inInputFile(error: unknown, inputs: InputFiles | undefined): unknown {
  const name = (error as { input?: unknown })?.input;
  const source = typeof name === 'string' ? inputs?.sources.get(name) : undefined;
  return source ? locateInFile(error, source) : error;
}
