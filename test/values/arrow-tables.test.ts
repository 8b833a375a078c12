import * as aq from 'arquero';
import { Builder, columnArray, dataflow, extractColumns, RecordResult, type Column, type Table } from 'hamilton-ts';
import { ArrowTables, arrowTable, WEEK } from '../fixtures/threads/arrow-tables';

const records = () => new Builder().withModules(ArrowTables).withResultBuilder(new RecordResult()).build();

describe('Arrow-backed tables on the local executor', () => {
  test('@extractColumns hands nodes typed arrays and arrays, nulls as null, dictionary strings decoded', async () => {
    const result = await records().execute(['day', 'spend', 'region', 'signups', 'note', 'columnKinds', 'firstDay', 'spendPerDay', 'regionUpper', 'missingSignups']);
    expect(result.columnKinds).toEqual(['Int32Array', 'Float64Array', 'Array', 'Array', 'Array']);
    expect(result.firstDay).toBe(1);
    expect(Array.from(result.spendPerDay as Float64Array)).toEqual([10, 10, 10, 10]);
    expect(result.regionUpper).toEqual(['NORTH', 'SOUTH', 'NORTH', 'EAST']);
    expect(result.missingSignups).toBe(2);
    expect(result.signups).toEqual([5, null, 15, null]);
    expect(result.note).toEqual(['a', null, 'c', 'd']);
  });

  test('a numeric Arrow column without nulls is handed over without a copy', async () => {
    const week = arrowTable(WEEK);
    const arrow = week.column('spend') as unknown as { toArray(): Float64Array };
    expect(columnArray(arrow)).toBe(arrow.toArray());
    expect(columnArray(WEEK.spend)).toBe(WEEK.spend);
  });

  test('the default result table holds the values, not Arrow column objects', async () => {
    const table = await new Builder().withModules(ArrowTables).build().execute(['day', 'region', 'signups', 'firstDay']);
    expect(table.objects()[1]).toEqual({ day: 2, region: 'south', signups: null, firstDay: 1 });
  });

  test('an Arrow column from an undeclared node is a column of the result table, not a value repeated on each row', async () => {
    @dataflow()
    class Undeclared {
      spendColumn(): unknown {
        return arrowTable(WEEK).column('spend');
      }
    }
    const table = await new Builder().withModules(Undeclared).build().execute(['spendColumn']);
    expect(table.array('spendColumn')).toEqual([10, 20, 30, 40]);
  });

  test('a table output spreads its Arrow columns into the result table', async () => {
    const table = await new Builder().withModules(ArrowTables).build().execute(['week']);
    expect(table.columnNames()).toEqual(['day', 'spend', 'region', 'signups', 'note']);
    expect(table.objects()[3]).toEqual({ day: 4, spend: 40, region: 'east', signups: null, note: 'd' });
  });

  test('an Arrow-backed table passed as inputs gives its columns as arrays', async () => {
    @dataflow()
    class FromInputs {
      secondSignups(signups: Column<number | null>): number | null {
        return signups[1];
      }

      lastRegion(region: Column<string>): string {
        return region[region.length - 1];
      }
    }
    const result = await new Builder().withModules(FromInputs).withResultBuilder(new RecordResult())
      .build().execute(['secondSignups', 'lastRegion'], { inputs: arrowTable(WEEK) });
    expect(result).toEqual({ secondSignups: null, lastRegion: 'east' });
  });

  test('Arrow column objects passed as inputs or overrides are handed on as arrays', async () => {
    @dataflow()
    class FromColumns {
      doubled(spend: Column<number>): Column<number> {
        return Float64Array.from(spend, (s) => 2 * s);
      }

      firstNote(note: Column<string | null>, doubled: Column<number>): string | null {
        return doubled[0] > 0 ? note[0] : null;
      }
    }
    const week = arrowTable(WEEK);
    const result = await new Builder().withModules(FromColumns).withResultBuilder(new RecordResult()).build().execute(['doubled', 'firstNote'], {
      inputs: { spend: week.column('spend'), note: week.column('note') },
      overrides: { doubled: arrowTable({ d: [1, null, 3, 4] }).column('d') },
    });
    expect(result).toEqual({ doubled: [1, null, 3, 4], firstNote: 'a' });
  });

  test('a filtered or ordered Arrow-backed table gives the rows it shows', async () => {
    @dataflow()
    class Views {
      @extractColumns('spend', 'region')
      busy(): Table {
        return arrowTable(WEEK).filter((d: { spend: number }) => d.spend > 15).orderby(aq.desc('spend'));
      }
    }
    const result = await new Builder().withModules(Views).withResultBuilder(new RecordResult()).build().execute(['spend', 'region']);
    expect(Array.from(result.spend as ArrayLike<number>)).toEqual([40, 30, 20]);
    expect(result.region).toEqual(['east', 'north', 'south']);
  });

  test('a schema check reads an Arrow-backed table\'s columns', async () => {
    const { report } = await new Builder().withModules(ArrowTables).build().executeWithReport(['checkedWeek']);
    expect(report.results.map((r) => [r.check, r.passed])).toEqual([['schema', true]]);
  });
});
