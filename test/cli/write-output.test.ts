import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, ROOT } from './run-cli';

// Each test starts Node once, about a second on a busy machine.
jest.setTimeout(30_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-out-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('run --out x.json', () => {
  // A module compiled without the transformer: no declared types, so any values pass.
  const module = path.join(tmp, 'odd.js');
  fs.writeFileSync(module, `
    const { dataflow } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    class Odd {
      numbers() { return [1, NaN, undefined, Infinity, -Infinity, -0]; }
      days() { return [new Date(Date.UTC(2024, 0, 2)), new Date(NaN), null, undefined, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), new Date(0)]; }
      bigs() { return [1n, 2n ** 70n, -3n, null, undefined, 0n]; }
      nested() { return [{ a: undefined, b: NaN }, [undefined, 1n], 'x', null, true, { d: new Date(0) }]; }
    }
    dataflow()(Odd);
    module.exports = { Odd };
  `);

  test('is always valid JSON: NaN, ±Infinity and missing values are null, BigInts strings, Dates ISO strings', async () => {
    const out = path.join(tmp, 'odd.json');
    const { status, stderr } = await cli(['run', '--module', module, '--outputs', 'numbers,days,bigs,nested', '--out', out]);
    expect(stderr).not.toContain('error');
    expect(status).toBe(0);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(rows.map((r: { numbers: unknown }) => r.numbers)).toEqual([1, null, null, null, null, 0]);
    expect(rows.map((r: { days: unknown }) => r.days)).toEqual(['2024-01-02T00:00:00.000Z', null, null, null, '2024-01-02T03:04:05.006Z', '1970-01-01T00:00:00.000Z']);
    expect(rows.map((r: { bigs: unknown }) => r.bigs)).toEqual(['1', '1180591620717411303424', '-3', null, null, '0']);
    expect(rows.map((r: { nested: unknown }) => r.nested)).toEqual([{ a: null, b: null }, [null, '1'], 'x', null, true, { d: '1970-01-01T00:00:00.000Z' }]);
    // Every row has every column, a missing value as null rather than a left-out key.
    for (const row of rows) expect(Object.keys(row)).toEqual(['numbers', 'days', 'bigs', 'nested']);
  });
});
