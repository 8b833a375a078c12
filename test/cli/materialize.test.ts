import * as fs from 'fs';
import * as path from 'path';
import { cli, ROOT, STACK_LINE } from './run-cli';
import { tempFiles } from './temp-files';

// Each test starts Node once, about a second on a busy machine.
jest.setTimeout(30_000);

describe('run --materialize: the savers a module exports as `materializers`', () => {
  const files = tempFiles('hamilton-materialize-');
  // A module compiled without the transformer, registering a file saver of its own, as a user's module would.
  const moduleSource = (materializers: string) => `
    const fs = require('fs');
    const { dataflow, from, to, registerLoader, registerSaver, RecordResult } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    registerSaver({ name: 'textFile', appliesTo: ['any'], required: ['path'], defaults: {},
      save: (value, { path }) => { fs.writeFileSync(path, JSON.stringify(value)); return { path, rows: 1 }; } }, { override: true });
    registerLoader({ name: 'textFile', appliesTo: ['any'], required: ['path'], defaults: {},
      load: ({ path }) => [JSON.parse(fs.readFileSync(path, 'utf8')), { path }] }, { override: true });
    class Sums {
      total(raw) { return raw.reduce((a, b) => a + b, 0); }
      count(raw) { return raw.length; }
    }
    dataflow()(Sums);
    module.exports = { Sums, materializers: ${materializers} };
  `;

  test('loads the module\'s from.… targets, runs its to.… savers, prints a line per saver and the --outputs', async () => {
    const input = files.write('raw.json', JSON.stringify([1, 2, 3, 4]));
    const out = path.join(files.dir(), 'summary.json');
    const module = files.write('sums.js', moduleSource(`[
      from.textFile({ target: 'raw', path: ${JSON.stringify(input)} }),
      to.textFile({ id: 'saveSummary', dependencies: ['total', 'count'], combine: new RecordResult(), path: ${JSON.stringify(out)} }),
    ]`));
    const { status, stdout, stderr } = await cli(['run', '--module', module, '--materialize', '--outputs', 'total']);
    expect(stderr).not.toMatch(/error/i);
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^saveSummary: wrote ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(1 rows, \\d+ ms\\)\\n`));
    expect(stdout).toContain('|total|\n|-:|\n|10|');
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ total: 10, count: 4 });
  });

  test('without --materialize the savers are nodes: --outputs may name one', async () => {
    const input = files.write('raw2.json', JSON.stringify([5]));
    const out = path.join(files.dir(), 'total.json');
    const module = files.write('sums2.js', moduleSource(`[
      from.textFile({ target: 'raw', path: ${JSON.stringify(input)} }),
      to.textFile({ id: 'saveTotal', dependencies: ['total'], path: ${JSON.stringify(out)} }),
    ]`));
    const { status } = await cli(['run', '--module', module, '--outputs', 'total']);
    expect(status).toBe(0);
    expect(fs.existsSync(out)).toBe(false);
    expect((await cli(['run', '--module', module, '--outputs', 'saveTotal'])).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toBe(5);
  });

  test('an export that is not an array of materializers, or none to run, is a usage error (exit 2) saying so', async () => {
    const bad = files.write('bad.js', moduleSource(`'nope'`));
    const r = await cli(['run', '--module', bad, '--materialize', '--outputs', 'count', '--inputs', files.write('in.json', '[{"raw": 1}]')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exports 'materializers', which must be an array of from\.<adapter>\(…\) and to\.<adapter>\(…\) materializers/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const none = files.write('none.js', moduleSource('[]'));
    const r2 = await cli(['run', '--module', none, '--materialize', '--outputs', 'count', '--inputs', files.write('in2.json', '[{"raw": 1}]')]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/--materialize: .*none\.js exports no to\.<adapter>\(…\) savers in 'materializers'/);
  });
});
