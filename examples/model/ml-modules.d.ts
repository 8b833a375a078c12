// Types for the two mljs packages the model example uses, which ship none.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    train(x: Matrix, y: Matrix): void;
    predict(x: Matrix): number[];
  }
}

declare module 'ml-cart' {
  export class DecisionTreeClassifier {
    constructor(options?: { maxDepth?: number; minNumSamples?: number });
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
  }
}
