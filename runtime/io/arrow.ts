import { tableFromArrow } from './arrow-table';
import { rowFromOne, type FileTable } from './file-table';
import { FileFormatError } from './io-errors';

const MAGIC = Buffer.from('ARROW1');
// Every message of an Arrow IPC stream (format 0.15 and later) starts with this marker.
const CONTINUATION = 0xffffffff;

/** What is wrong with the bytes before decoding: the decoder reads many such files as an empty table. */
function framingProblem(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    return buffer.subarray(-MAGIC.length).equals(MAGIC) && buffer.length > 2 * MAGIC.length ? undefined : 'the file is cut off: it does not end with ARROW1';
  }
  if (buffer.length >= 8 && buffer.readUInt32LE(0) === CONTINUATION) return undefined;
  return 'it is not Arrow IPC: it starts neither with ARROW1 (a file) nor with a stream message';
}

/**
 * An Arrow IPC file or stream (`.arrow`, Feather v2 `.feather`) as a table; bytes that are neither are an error.
 * int64 columns read as BigInt: as numbers, values beyond 2^53 would be rounded or refused.
 * Dictionary columns are decoded batch by batch (see tableFromArrow).
 */
export function readArrow(bytes: Uint8Array, file: string): FileTable {
  if (bytes.length === 0) throw new FileFormatError(file, 'Arrow', 'empty', 'the file is empty');
  const problem = framingProblem(bytes);
  if (problem) throw new FileFormatError(file, 'Arrow', 'malformed', problem);
  try {
    return { file, format: 'Arrow', table: tableFromArrow(bytes), locate: rowFromOne, typedFromText: false };
  } catch (error) {
    throw new FileFormatError(file, 'Arrow', 'malformed', `it cannot be decoded: ${(error as Error)?.message ?? error}`, undefined, { cause: error });
  }
}
