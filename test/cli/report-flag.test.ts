import * as fs from 'fs';
import * as path from 'path';
import { indexOf, runOf } from '../report/report-files';
import { cli } from './run-cli';
import { tempFiles } from './temp-files';

const MODULE = ['--module', 'dist/examples/quality/features.js'];
const files = tempFiles('hamilton-report-cli-');
jest.setTimeout(30_000);

describe('--report on run and check', () => {
  test('run writes the report and lists it in the directory index', async () => {
    const report = path.join(files.dir(), 'run.html');
    const { status } = await cli(['run', ...MODULE, '--inputs', 'examples/quality/data/iris.csv', '--outputs', 'petalArea', '--limit', '1', '--report', report]);
    expect(status).toBe(0);
    const run = runOf(report);
    expect(run).toMatchObject({ status: 'succeeded', outputs: ['petalArea'] });
    expect(run.nodes.find((n) => n.name === 'petalArea')?.value).toMatchObject({ length: 150, nulls: 0 });
    expect(indexOf(files.dir()).map((e) => e.file)).toEqual(['run.html']);
  });

  test('check on bad data: the report of the failed run holds every check and the error', async () => {
    const report = path.join(files.dir(), 'check.html');
    const { status } = await cli(['check', ...MODULE, '--inputs', 'examples/quality/data/iris-bad.csv', '--outputs', 'petalArea', '--report', report]);
    expect(status).toBe(1);
    const run = runOf(report);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'DataQualityError', node: 'petalArea' });
    expect(run.checks.filter((c) => !c.passed).map((c) => c.check).sort()).toEqual(['allowNaN', 'range']);
    expect(indexOf(files.dir())[0]).toMatchObject({ file: 'check.html', status: 'failed', failedChecks: ['petalArea range', 'petalArea allowNaN'] });
  });

  test('a report path that is no .html file is a usage error', async () => {
    const { status, stderr } = await cli(['run', ...MODULE, '--inputs', 'examples/quality/data/iris.csv', '--outputs', 'petalArea', '--report', 'x.txt']);
    expect(status).toBe(2);
    expect(stderr).toContain("RunReport: option 'path' is \"x.txt\": expected a file ending .html");
    expect(fs.existsSync('x.txt')).toBe(false);
  });
});
