import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ColumnTypeError, runLoader, runSaver, type Table, type TypeDescriptor } from 'hamilton-ts';
import { readCsv } from '../../runtime/io';

/** How CSV fields become values: whole numbers beyond 2^53 stay exact, blanks are no 0, radix literals are text. */
const read = (text: string): Table => readCsv(text, 'x.csv').table;
const column = (text: string, name: string): unknown[] => Array.from(read(text).array(name) as ArrayLike<unknown>);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-csv-values-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('whole numbers beyond Number.MAX_SAFE_INTEGER', () => {
  test('a column holding one reads as bigints, every value exact (distinct ids stay distinct)', () => {
    expect(column('id\n9007199254740992\n9007199254740993\n7\n\n-9007199254740993\n', 'id'))
      .toEqual([9007199254740992n, 9007199254740993n, 7n, null, -9007199254740993n]);
  });

  test('a column of safe whole numbers stays numbers (2^53 - 1 is safe)', () => {
    expect(column('n\n9007199254740991\n-9007199254740991\n', 'n')).toEqual([9007199254740991, -9007199254740991]);
  });

  test('beside a fraction it cannot be exact as a number nor a bigint: the column keeps its text', () => {
    expect(column('n\n1.5\n9007199254740993\n', 'n')).toEqual(['1.5', '9007199254740993']);
  });

  test('a BigInt64Array saved to CSV loads back exact', async () => {
    const file = path.join(dir, 'ids.csv');
    await runSaver('csv', aq.table({ id: BigInt64Array.of(9007199254740993n, -(2n ** 63n)) }), { path: file });
    const [loaded] = await runLoader<Table>('csv', { path: file });
    expect(Array.from(loaded.array('id') as ArrayLike<unknown>)).toEqual([9007199254740993n, -(2n ** 63n)]);
  });

  test('a declared Table<{ id: bigint }> accepts such a column, and a mismatch shows the exact value', async () => {
    const file = path.join(dir, 'declared.csv');
    fs.writeFileSync(file, 'id\n9007199254740993\n');
    const declared = (kind: 'bigint' | 'string'): TypeDescriptor => ({ kind: 'table', columns: { id: { kind: 'column', element: { kind } } } } as TypeDescriptor);
    const [loaded] = await runLoader<Table>('csv', { path: file }, { expected: declared('bigint') });
    expect(loaded.get('id', 0)).toBe(9007199254740993n);
    expect(() => runLoader('csv', { path: file }, { expected: declared('string') })).toThrow(ColumnTypeError);
    expect(() => runLoader('csv', { path: file }, { expected: declared('string') })).toThrow('9007199254740993 at row 1');
  });
});

describe('fields that are not numbers, though `+text` reads them as one', () => {
  test('a field of only spaces is missing (null) in a typed column, not 0', () => {
    expect(read('a,b,c\n1,2,true\n3,   ,\t\n').objects()).toEqual([{ a: 1, b: 2, c: true }, { a: 3, b: null, c: null }]);
  });

  test('a text column keeps a field of spaces as written; an empty field is null', () => {
    expect(column('s,n\nx,1\n   ,2\n,3\n', 's')).toEqual(['x', '   ', null]);
  });

  test('padded numbers are still numbers', () => {
    expect(column('n\n 5 \n6\n', 'n')).toEqual([5, 6]);
  });

  test.each([['0x10'], ['0b11'], ['0o7'], ['0X1F']])('%s is text, and keeps its column text', (literal) => {
    expect(column(`n\n${literal}\n1\n`, 'n')).toEqual([literal, '1']);
  });
});
