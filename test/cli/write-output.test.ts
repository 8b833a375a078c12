import * as aq from 'arquero';
import * as fs from 'fs';
import * as path from 'path';
import { tableWriter } from '../../runtime/cli/write-output';
import { readArrow, readParquet } from '../../runtime/io';
import { tempFiles } from './temp-files';

/** `--out` in the binary formats, for the tables that have no values to infer a column's type from. */
const files = tempFiles('hamilton-write-output-');
const READERS = { '.arrow': readArrow, '.feather': readArrow, '.parquet': readParquet } as const;

describe.each(Object.keys(READERS) as (keyof typeof READERS)[])('--out x%s', (extension) => {
  const roundTrip = (table: aq.ColumnTable) => {
    const file = path.join(files.dir(), `out${extension}`);
    tableWriter(file)(table);
    return READERS[extension](fs.readFileSync(file), file).table;
  };

  test('a table without rows keeps its columns, typed ones included', () => {
    const read = roundTrip(aq.table({ x: Float64Array.of(), id: Int32Array.of(), label: [] }));
    expect(read.numRows()).toBe(0);
    expect(read.columnNames()).toEqual(['x', 'id', 'label']);
  });

  test('a column holding only nulls reads back as nulls', () => {
    const read = roundTrip(aq.table({ missing: [null, null] }));
    expect(read.objects()).toEqual([{ missing: null }, { missing: null }]);
  });
});
