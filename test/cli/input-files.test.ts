import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HamiltonError } from '../../runtime/errors';
import { readTable } from '../../runtime/cli/read-inputs';

/** How bad input files are refused: each error names the file and, where there is one, the line. */
let tmp: string;
const write = (name: string, data: string | Uint8Array) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, data);
  return file;
};
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-bad-files-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The error readTable throws for the file. */
function readError(file: string): Error {
  try {
    readTable(file);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`'${file}' was read without an error`);
}

describe('CSV header', () => {
  test('a repeated column name is an error naming it, the file and its fields', () => {
    const file = write('repeated.csv', 'a,a,b\n1,2,3\n');
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toBe(`CSV file '${file}' line 1: the header names column 'a' twice (fields 1 and 2); column names must be unique`);
  });

  test('names are compared as written: quoting does not hide a repeat, case differs', () => {
    expect(readError(write('quoted.csv', 'x,"b",b\n1,2,3\n')).message).toContain("names column 'b' twice (fields 2 and 3)");
    expect(readTable(write('case.csv', 'b,B\n1,2\n')).objects()).toEqual([{ b: 1, B: 2 }]);
  });
});

describe('CSV rows', () => {
  test.each([
    ['a row with fewer fields', 'a,b,c\n1,2,3\n4,5\n', 'line 3: 2 fields, but the header (line 1) names 3 columns'],
    ['a row with more fields', 'a,b\n1,2\n3,4\n5,6,7\n', 'line 4: 3 fields, but the header (line 1) names 2 columns'],
    ['an empty line between rows', 'a,b\n1,2\n\n3,4\n', 'line 3: the line is empty, but the header (line 1) names 2 columns'],
  ])('%s is an error naming the file and the line', (_, text, message) => {
    const file = write('ragged.csv', text);
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toBe(`CSV file '${file}' ${message}`);
  });

  test('lines count as in an editor: a quoted field spanning lines moves the rows after it down', () => {
    const file = write('multiline.csv', 'note,n\n"two\nlines",1\n"x",2,3\n');
    expect(readError(file).message).toBe(`CSV file '${file}' line 4: 3 fields, but the header (line 1) names 2 columns`);
  });

  test('empty lines at the end are not rows; in a one-column file an empty line is a missing value', () => {
    expect(readTable(write('trailing.csv', 'a,b\n1,2\n\n \n')).objects()).toEqual([{ a: 1, b: 2 }]);
    expect(readTable(write('one.csv', 'a\n1\n\n3\n')).objects()).toEqual([{ a: 1 }, { a: null }, { a: 3 }]);
  });
});

describe('empty CSV', () => {
  test.each([['0 bytes', ''], ['only whitespace', ' \n\t\n'], ['only a byte-order mark', '\ufeff\n']])('%s: the file is empty', (_, text) => {
    const file = write('empty.csv', text);
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toBe(`CSV file '${file}': the file is empty; it needs a header line naming the columns`);
  });

  test('a header without rows is a table with those columns and no rows', () => {
    const table = readTable(write('header-only.csv', 'spend,region\n'));
    expect(table.columnNames()).toEqual(['spend', 'region']);
    expect(table.numRows()).toBe(0);
  });
});

describe('Arrow', () => {
  const arrow = () => aq.toArrowIPC(aq.table({ spend: [10, 20, 40] }), { format: 'file' });

  test.each([
    ['0 bytes', () => new Uint8Array(0), 'the file is empty'],
    ['zeros', () => new Uint8Array(64), 'it is not Arrow IPC: it starts neither with ARROW1 (a file) nor with a stream message'],
    ['text', () => Buffer.from('spend\n10\n'), 'it is not Arrow IPC: it starts neither with ARROW1 (a file) nor with a stream message'],
    ['a cut-off file', () => arrow().slice(0, 40), 'the file is cut off: it does not end with ARROW1'],
  ])('%s: an error naming the file, not an empty table', (_, bytes, detail) => {
    const file = write('bad.arrow', bytes());
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toBe(`Arrow file '${file}': ${detail}`);
  });

  test('a damaged file says what the Arrow decoder found', () => {
    const bytes = arrow();
    bytes.fill(0xff, 8, bytes.length - 8);
    expect(readError(write('damaged.feather', bytes)).message).toMatch(/^Arrow file '.*damaged.feather': it cannot be decoded: ./);
  });

  test('Arrow streams are read too', () => {
    const file = write('stream.arrow', aq.toArrowIPC(aq.table({ spend: [10, 20, 40] }), { format: 'stream' }));
    expect(readTable(file).objects()).toEqual([{ spend: 10 }, { spend: 20 }, { spend: 40 }]);
  });
});
