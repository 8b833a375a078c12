import { HamiltonError } from '../errors';
import { readArrow, readCsv, readJson } from '../io';
import { tableColumns, type Table } from '../values/values';
import { byExtension, readUserFile } from './files';
import { UsageError } from './usage-error';

type Parse = (file: string) => Table;

const fromArrowFile: Parse = (file) => readArrow(readUserFile(file, 'input file'), file);

/** The readers, by extension. JSON may be rows (`[{...}]`) or columns (`{"a": [...]}`). */
const READERS: Readonly<Record<string, { format: string; parse: Parse }>> = {
  '.csv': { format: 'CSV', parse: (file) => readCsv(readUserFile(file, 'input file', 'utf8'), file) },
  '.json': { format: 'JSON', parse: (file) => readJson(readUserFile(file, 'input file', 'utf8'), file) },
  '.arrow': { format: 'Arrow', parse: fromArrowFile },
  '.feather': { format: 'Arrow', parse: fromArrowFile },
};

/** One input file as an Arquero table, picked by its extension. */
export function readTable(file: string): Table {
  const { format, parse } = byExtension(file, 'input file', READERS);
  try {
    return parse(file);
  } catch (error) {
    // The readers' own errors (FileFormatError, UsageError) already name the file and what is wrong.
    if (error instanceof HamiltonError) throw error;
    throw new UsageError(`cannot parse input file '${file}' as ${format}: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

/** The columns of every input file, by name: each column is one input. A column in two files is ambiguous. */
export function readInputs(files: readonly string[]): Record<string, ArrayLike<unknown>> {
  const inputs: Record<string, ArrayLike<unknown>> = {};
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const [name, column] of Object.entries(tableColumns(readTable(file)))) {
      const first = origin.get(name);
      if (first !== undefined) throw new UsageError(`input column '${name}' is in both '${first}' and '${file}'`);
      origin.set(name, file);
      inputs[name] = column;
    }
  }
  return inputs;
}
