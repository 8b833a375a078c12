import { DecisionTreeClassifier } from 'ml-cart';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';

/** What the dataflow needs of a classifier: sklearn's fit / predict, over rows of features and class indices. */
export interface Classifier {
  readonly name: string;
  fit(x: number[][], y: number[]): void;
  predict(x: number[][]): number[];
}

/** One-vs-all logistic regression (mljs), trained by gradient descent. */
export class LogisticRegressionClassifier implements Classifier {
  readonly name = 'logistic regression';
  private readonly model: LogisticRegression;

  constructor(readonly learningRate: number, readonly numSteps: number) {
    this.model = new LogisticRegression({ learningRate, numSteps });
  }

  fit(x: number[][], y: number[]): void {
    this.model.train(new Matrix(x), Matrix.columnVector(y));
  }

  predict(x: number[][]): number[] {
    return this.model.predict(new Matrix(x));
  }
}

/** A CART decision tree (mljs). */
export class DecisionTree implements Classifier {
  readonly name = 'decision tree';
  private readonly model: DecisionTreeClassifier;

  constructor(readonly maxDepth: number) {
    this.model = new DecisionTreeClassifier({ maxDepth });
  }

  fit(x: number[][], y: number[]): void {
    this.model.train(x, y);
  }

  predict(x: number[][]): number[] {
    return this.model.predict(x);
  }
}
