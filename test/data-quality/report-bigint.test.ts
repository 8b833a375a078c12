import { Builder, checkOutput, dataflow, RecordResult, type Column } from 'hamilton-ts';
import { formatReport } from '../../runtime/cli/report-format';

@dataflow()
class Big {
  @checkOutput({ dataType: 'number' }, { importance: 'warn' })
  ids(): Column<unknown> {
    return [1, 2n ** 70n];
  }

  @checkOutput({ unique: true }, { importance: 'warn' })
  dup(): Column<unknown> {
    return [5n, 5n];
  }
}

const run = () => new Builder().withModules(Big).withResultBuilder(new RecordResult()).build().executeWithReport(['ids', 'dup']);

describe('bigint figures in the data-quality report', () => {
  test('checks on bigint columns judge them (no "Do not know how to serialize a BigInt")', async () => {
    const { report } = await run();
    expect(report.results.map((r) => [r.node, r.check, r.passed, r.message])).toEqual([
      ['ids', 'dataType', false, '1 of 2 values are not of type number'],
      ['dup', 'unique', false, '1 repeated values, first 5n'],
    ]);
  });

  test('toJSON writes a bigint as its decimal digits, every digit kept: JSON.stringify does not throw', async () => {
    const { report } = await run();
    const json = JSON.parse(JSON.stringify(report.toJSON()));
    expect(json.results[0].figures.firstValues).toEqual(['1180591620717411303424']);
    expect(json.results[1].figures.firstValues).toEqual(['5']);
  });

  test('the CLI prints such reports in every format', async () => {
    const { report } = await run();
    expect(JSON.parse(formatReport(report, 'json')).ok).toBe(true);
    expect(formatReport(report, 'table')).toContain('firstValues=["1180591620717411303424"]');
    expect(formatReport(report, 'markdown')).toContain('first 5n');
  });
});
