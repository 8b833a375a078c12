import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLoader, runSaver, type Table } from 'hamilton-ts';

/** The csv saver writes cells by the JSON writer's rules where text would lose them. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-csv-saver-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('objects and arrays are their JSON text; an invalid Date is empty, and its column still loads as Dates', async () => {
  const file = path.join(dir, 'cells.csv');
  const table = aq.table({
    o: [{ a: 1, when: new Date(0), big: 12345678901234567890n }, [1, 2]],
    d: [new Date(NaN), new Date(0)],
  });
  await runSaver('csv', table, { path: file });
  expect(fs.readFileSync(file, 'utf8')).toBe('o,d\n"{""a"":1,""when"":""1970-01-01T00:00:00.000Z"",""big"":""12345678901234567890""}",\n"[1,2]",1970-01-01\n');
  const [loaded] = await runLoader<Table>('csv', { path: file });
  expect(JSON.parse(loaded.get('o', 0) as string)).toEqual({ a: 1, when: '1970-01-01T00:00:00.000Z', big: '12345678901234567890' });
  expect(JSON.parse(loaded.get('o', 1) as string)).toEqual([1, 2]);
  expect(loaded.get('d', 0)).toBeNull();
  expect(loaded.get('d', 1)).toEqual(new Date(0));
});
