import { Builder, Driver, Matrix, MatrixResult, RecordResult, SimpleGraphAdapter } from 'hamilton-ts';
import type { Classifier } from './classifiers';
import { IrisData } from './iris-data';
import { TrainEvaluate } from './train-evaluate';

/** The seed's second example: a matrix of predicted and true labels, then a record to inspect the fitted model. */
async function main(): Promise<void> {
  const clf = process.argv[2] ?? 'logistic';
  const dagConfig = { clf };

  const adapter = new SimpleGraphAdapter(new MatrixResult());
  const dr = new Driver(dagConfig, [IrisData, TrainEvaluate], { adapter });
  const matrix: Matrix = await dr.execute(['predictedOutputWithLabels', 'yTestWithLabels']);
  console.log(`predicted vs true species (${matrix.numRows} test flowers, clf=${clf}):`);
  matrix.toArray().filter((_, i) => i % 4 === 0).forEach((row) => console.log(`  ${String(row[0]).padEnd(16)} ${row[1]}`));

  // To debug, ask for a record and any intermediate node, such as the fitted model.
  const debug = new Builder().withModules(IrisData, TrainEvaluate).withConfig(dagConfig).withResultBuilder(new RecordResult()).build();
  const result = await debug.execute(['predictedOutputWithLabels', 'yTestWithLabels', 'fitClf', 'accuracy']);
  console.log(`fitted model: ${(result.fitClf as Classifier).name}`);
  console.log(`accuracy: ${(result.accuracy as number).toFixed(3)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
