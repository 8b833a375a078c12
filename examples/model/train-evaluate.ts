import { config, dataflow } from 'hamilton-ts';
import { DecisionTree, LogisticRegressionClassifier, type Classifier } from './classifiers';

/** The seed's train-and-evaluate dataflow: the classifier is chosen by the `clf` config. */
@dataflow()
export class TrainEvaluate {
  /** Returns an unfitted logistic regression classifier. */
  @config.when({ clf: 'logistic' })
  prefitClf__logreg(learningRate = 0.01, numSteps = 3000): Classifier {
    return new LogisticRegressionClassifier(learningRate, numSteps);
  }

  /** Returns an unfitted decision tree. */
  @config.when({ clf: 'tree' })
  prefitClf__tree(maxDepth = 4): Classifier {
    return new DecisionTree(maxDepth);
  }

  /** Calls fit on the classifier object; it mutates it. */
  fitClf(prefitClf: Classifier, xTrain: number[][], yTrain: number[]): Classifier {
    prefitClf.fit(xTrain, yTrain);
    return prefitClf;
  }

  /** Exercises the fitted classifier to predict the test set. */
  predictedOutput(fitClf: Classifier, xTest: number[][]): number[] {
    return fitClf.predict(xTest);
  }

  /** Replaces the predictions with the desired labels. */
  predictedOutputWithLabels(predictedOutput: number[], targetNames: string[]): string[] {
    return predictedOutput.map((i) => targetNames[i]);
  }

  /** Adds labels to the target output. */
  yTestWithLabels(yTest: number[], targetNames: string[]): string[] {
    return yTest.map((i) => targetNames[i]);
  }

  /** The share of test flowers whose species was predicted right. */
  accuracy(predictedOutput: number[], yTest: number[]): number {
    return predictedOutput.filter((p, i) => p === yTest[i]).length / yTest.length;
  }
}
