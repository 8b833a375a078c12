import * as aq from 'arquero';
import { HamiltonError } from '../../runtime/errors';
import { readTable } from '../../runtime/cli/read-inputs';
import { cli, STACK_LINE } from './run-cli';
import { tempFiles } from './temp-files';

/** How bad input files are refused: each error names the file and, where there is one, the line. */
const { write } = tempFiles('hamilton-bad-files-');

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

describe('CSV quoting', () => {
  test('a quote left open is an error naming the file, with csv-parse\'s account of where', () => {
    const file = write('open-quote.csv', 'a,b\n"1,2\n3,4\n');
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toContain(`CSV file '${file}': Quote Not Closed: `);
    expect(error.message).toMatch(/ at line \d+$/);
  });

  test('quoted fields keep their commas, quotes and line breaks', () => {
    expect(readTable(write('quoted-ok.csv', 'a,b\n"x,""y""\nz",2\n')).objects()).toEqual([{ a: 'x,"y"\nz', b: 2 }]);
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

describe('JSON', () => {
  test.each([
    ['cut off', '[{"spend": 1},\n {"spend": ', 'line 2, column 12: the JSON ends too soon'],
    ['a stray token', '[{"spend": 1},\n {"spend": x}]', 'line 2, column 12: not valid JSON: Unexpected token'],
    ['a missing comma', '{"spend": [1, 2]\n "region": ["EU", "US"]}', 'line 2, column 2: not valid JSON: Expected'],
  ])('malformed (%s): names the file, line and column', (_, text, detail) => {
    const file = write('broken.json', text);
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toContain(`JSON file '${file}' ${detail}`);
  });

  const expected = 'expected an array of row objects ([{"a": 1}, …]) or an object of column arrays ({"a": [1, …]})';
  test.each([
    ['a number', '5', `${expected}, but it holds a number`],
    ['a string', '"spend"', `${expected}, but it holds a string`],
    ['null', 'null', `${expected}, but it holds null`],
    ['an array of numbers', '[1, 2]', 'row 1 is a number; expected an object of column values, like {"a": 1}'],
    ['an array with a non-object later', '[{"a": 1}, [2]]', 'row 2 is an array; expected an object of column values, like {"a": 1}'],
    ['an object of non-arrays', '{"a": [1], "b": 2}', "column 'b' is a number; expected an array of the column's values"],
    ['columns of different lengths', '{"a": [1, 2], "b": [1]}', "column 'b' has 1 value, but column 'a' has 2"],
  ])('%s is not a table: says what was expected', (_, text, detail) => {
    const file = write('shape.json', text);
    const error = readError(file);
    expect(error).toBeInstanceOf(HamiltonError);
    expect(error.message).toBe(`JSON file '${file}': ${detail}`);
  });

  test('rows may leave out keys: every key of every row is a column, missing where left out', () => {
    const table = readTable(write('keys.json', '[{"a": 1}, {"b": "x"}]'));
    expect(table.columnNames()).toEqual(['a', 'b']);
    expect(table.objects()).toEqual([{ a: 1, b: undefined }, { a: undefined, b: 'x' }]);
  });

  test('ISO date strings are Dates, as Arquero reads them; digits stay as they are', () => {
    const [row] = readTable(write('dates.json', '[{"day": "2024-01-02", "year": "2024"}]')).objects();
    expect(row).toEqual({ day: new Date('2024-01-02'), year: '2024' });
  });

  test('an empty array or object is a table without rows', () => {
    expect(readTable(write('none.json', '[]')).numRows()).toBe(0);
    expect(readTable(write('none-columns.json', '{}')).numRows()).toBe(0);
  });
});

describe('on the command line', () => {
  // Each test starts Node once or twice, about a second apiece on a busy machine.
  jest.setTimeout(30_000);
  const ratio = (file: string) => ['run', '--module', 'dist/examples/quality/features.js', '--inputs', file, '--outputs', 'sepalRatio'];
  const expects = "but node 'sepalRatio.raw' (IrisFeatures.sepalRatio at examples/quality/features.ts:32) expects Column<number>";

  test.each([
    ['CSV', 'ragged.csv', 'sepalLength,sepalWidth\n5.1,3.5\n4.9\n', 'line 3: 1 field, but the header (line 1) names 2 columns'],
    ['CSV', 'empty.csv', '', 'the file is empty'],
    ['Arrow', 'zeros.arrow', new Uint8Array(16), 'it is not Arrow IPC'],
    ['JSON', 'number.json', '42', 'expected an array of row objects'],
  ])('a bad %s file: exit 2, the file named, no stack trace', async (format, name, data, detail) => {
    const file = write(name, data);
    const { status, stdout, stderr } = await cli(ratio(file));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: ${format} file '${file}'`);
    expect(stderr).toContain(detail);
    expect(stderr).toContain("Run 'hamilton-ts run --help' for usage.");
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('a value that is not a number names the CSV line it is on, not the first row of its column', async () => {
    const file = write('text.csv', 'sepalLength,sepalWidth\n5.1,3.5\n4.9,3.0\n4.7,abc\n4.6,3.1\n');
    const { status, stderr } = await cli(ratio(file));
    expect(status).toBe(2);
    expect(stderr).toContain(`error: CSV file '${file}' line 4: column 'sepalWidth' holds "abc", ${expects}; `
      + 'a CSV column holds numbers only if every value in it is one');
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('past the first 1000 rows too: a late bad value is not read as NaN', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `5.${i % 10},3.${i % 7}`);
    rows[1100] = '5.0,n/a';
    const file = write('long.csv', `sepalLength,sepalWidth\n${rows.join('\n')}\n`);
    const { status, stderr } = await cli(ratio(file));
    expect(status).toBe(2);
    expect(stderr).toContain(`CSV file '${file}' line 1102: column 'sepalWidth' holds "n/a"`);
  });

  test('in JSON rows, the row counted from 1', async () => {
    const file = write('rows.json', JSON.stringify([{ sepalLength: 5.1, sepalWidth: 3.5 }, { sepalLength: 4.9, sepalWidth: '3.0' }]));
    const { status, stderr } = await cli(ratio(file));
    expect(status).toBe(2);
    expect(stderr).toContain(`error: JSON file '${file}' row 2: column 'sepalWidth' holds "3.0", ${expects}`);
  });
});

describe('values that need care', () => {
  test('an Arrow file with int64 values beyond 2^53 reads them as BigInt, exactly', () => {
    const big = 2n ** 60n + 1n;
    const file = write('big.arrow', aq.toArrowIPC(aq.table({ id: BigInt64Array.from([1n, big]) })) as Uint8Array);
    const table = readTable(file);
    expect(Array.from(table.array('id') as ArrayLike<bigint>)).toEqual([1n, big]);
  });

  test('JSON rows that leave out a key named like an Object method read it as missing, not as the method', () => {
    const file = write('inherited.json', '[{"a": 1, "constructor": 2, "toString": "x"}, {"a": 3}]');
    const table = readTable(file);
    expect(table.array('constructor')).toEqual([2, undefined]);
    expect(table.array('toString')).toEqual(['x', undefined]);
  });
});
