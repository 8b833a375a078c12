import type { TypeDescriptor } from '../contract/type-descriptor';
import { InputTypeError } from '../errors';
import { checkValue } from '../values/value-check';
import { tableColumns } from '../values/values';
import type { FileTable } from './file-table';
import { FileValueError } from './io-errors';
import { TEXT_READERS, type TextReader } from './text-values';

/**
 * The first row of a column whose value does not fit the declared element
 * type, missing values aside, as the runtime's input check judges. In a
 * column typed from text, text that reads as the element type fits: the
 * column stayed text because of another value, and that one is the row to show.
 */
function firstMisfit(values: ArrayLike<unknown>, element: TypeDescriptor, typedFromText: boolean): number | undefined {
  const reader: TextReader | undefined = typedFromText ? TEXT_READERS[element.kind as keyof typeof TEXT_READERS] : undefined;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined || checkValue(value, element) === undefined) continue;
    if (reader && typeof value === 'string' && reader.reads(value)) continue;
    return row;
  }
  return undefined;
}

/**
 * An InputTypeError about a column of a file, told as the file's line or
 * row and the value there; anything else comes back as it was.
 */
export function locateInFile(error: unknown, source: FileTable): unknown {
  if (!(error instanceof InputTypeError) || error.role !== 'input') return error;
  const { expected, input } = error;
  if (expected.kind !== 'column' && expected.kind !== 'array') return error;
  const columns = tableColumns(source.table);
  if (!Object.hasOwn(columns, input)) return error;
  const values = columns[input];
  const row = firstMisfit(values, expected.element, source.typedFromText);
  if (row === undefined) return error;
  return new FileValueError(source.file, source.format, source.locate(row), input, values[row], expected, error.consumer, error);
}
