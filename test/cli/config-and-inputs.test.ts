import * as aq from 'arquero';
import * as path from 'path';
import { parseConfigEntry, parseConfigValue, readConfigFile } from '../../runtime/cli/parse-config';
import { readInputs, readTable } from '../../runtime/cli/read-inputs';
import { UsageError } from '../../runtime/cli/usage-error';
import { tempFiles } from './temp-files';

describe('config values from the command line', () => {
  test.each([
    ['3', 3], ['-1.5', -1.5], ['1e3', 1000], ['.5', 0.5], ['true', true], ['false', false],
    ['EU', 'EU'], ['', ''], ['3 weeks', '3 weeks'], ['0x10', '0x10'], ['True', 'True'],
  ])('%j reads as %j', (text, value) => {
    expect(parseConfigValue(text)).toBe(value);
  });

  test('key=value, where the value may hold = and the key is trimmed', () => {
    expect(parseConfigEntry('window=3')).toEqual(['window', 3]);
    expect(parseConfigEntry(' filter =a=b')).toEqual(['filter', 'a=b']);
    expect(parseConfigEntry('empty=')).toEqual(['empty', '']);
  });

  test.each(['window', '=3', ' =x'])('%j is no entry', (entry) => {
    expect(() => parseConfigEntry(entry)).toThrow(new UsageError(`expected key=value (e.g. window=3), got '${entry}'`));
  });
});

describe('input and config files', () => {
  const { write, dir } = tempFiles('hamilton-inputs-');

  test('CSV, JSON rows, JSON columns and Arrow give the same table', () => {
    const table = aq.table({ spend: [10, 20, 40], region: ['EU', 'US', 'EU'] });
    const files = [
      write('t.csv', aq.toCSV(table)),
      write('t.json', aq.toJSON(table)),
      write('columns.json', JSON.stringify({ spend: [10, 20, 40], region: ['EU', 'US', 'EU'] })),
      write('t.arrow', aq.toArrowIPC(table, { format: 'file' })),
      write('t.FEATHER', aq.toArrowIPC(table, { format: 'file' })),
    ];
    for (const file of files) expect(readTable(file).objects()).toEqual(table.objects());
  });

  test('the columns of several files are the inputs; a column in two files is an error', () => {
    const a = write('a.csv', 'spend\n1\n2\n');
    const b = write('b.json', '[{"signups": 3}, {"signups": 4}]');
    expect(readInputs([a, b]).values).toEqual({ spend: [1, 2], signups: [3, 4] });
    expect(() => readInputs([a, a])).toThrow(`input column 'spend' is in both '${a}' and '${a}'`);
  });

  test('unreadable and unparsable files name the file and the reason', () => {
    expect(() => readTable(path.join(dir(), 'none.csv'))).toThrow(UsageError);
    expect(() => readTable(path.join(dir(), 'none.csv'))).toThrow(/cannot read input file '.*none.csv': no such file/);
    expect(() => readTable(write('broken.json', '{"spend": [1,'))).toThrow(/JSON file '.*broken.json' line 1, column 14: the JSON ends too soon/);
    expect(() => readTable(write('t.xlsx', ''))).toThrow(/has the unknown extension '.xlsx'; use .csv, .json, .arrow, .feather, .parquet/);
  });

  test('a config file holds one JSON object', () => {
    expect(readConfigFile(write('c.json', '{"window": 3, "region": "EU"}'))).toEqual({ window: 3, region: 'EU' });
    expect(() => readConfigFile(write('list.json', '[1, 2]'))).toThrow(/must hold a JSON object of config values/);
    expect(() => readConfigFile(write('bad.json', '{window'))).toThrow(/is not valid JSON/);
  });
});
