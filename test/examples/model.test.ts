import { Builder, Matrix, MatrixResult, RecordResult } from 'hamilton-ts';
import { DecisionTree, LogisticRegressionClassifier } from '../../examples/model/classifiers';
import { IrisData } from '../../examples/model/iris-data';
import { TrainEvaluate } from '../../examples/model/train-evaluate';

const driver = <R>(clf: string, resultBuilder: { build(o: Record<string, unknown>): R }) =>
  new Builder().withModules(IrisData, TrainEvaluate).withConfig({ clf }).withResultBuilder(resultBuilder).build();

describe('the seed\'s model example on the iris data set', () => {
  test.each([
    ['logistic', LogisticRegressionClassifier],
    ['tree', DecisionTree],
  ])('with clf=%s, the config picks the classifier, which predicts most test flowers right', async (clf, Expected) => {
    const result = await driver(clf, new RecordResult()).execute(['fitClf', 'accuracy', 'xTest']);
    expect(result.fitClf).toBeInstanceOf(Expected);
    expect((result.xTest as number[][]).length).toBe(30);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
  });

  test('the matrix result puts predicted and true labels side by side', async () => {
    const matrix: Matrix = await driver('tree', new MatrixResult()).execute(['predictedOutputWithLabels', 'yTestWithLabels']);
    expect([matrix.numRows, matrix.numCols]).toEqual([30, 2]);
    const species = new Set(matrix.toArray().flat());
    expect([...species].sort()).toEqual(['setosa', 'versicolor', 'virginica']);
    const agree = matrix.toArray().filter(([predicted, actual]) => predicted === actual).length;
    expect(agree / 30).toBeGreaterThanOrEqual(0.85);
  });
});
