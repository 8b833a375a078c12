import * as aq from 'arquero';
import { checkOutput, checkOutputCustom, col, dataflow, type Column, type Table } from 'hamilton-ts';
import { BalancedClasses } from './balanced-classes';

/** The three species of Fisher's iris data. */
export const SPECIES = ['setosa', 'versicolor', 'virginica'];

/**
 * Features of Fisher's iris flowers, each checked before anything uses it.
 * The inputs are the columns of data/iris.csv; lengths are in centimetres.
 */
@dataflow()
export class IrisFeatures {
  /** The species name, normalised: trimmed, lower case, without the `Iris-` prefix of the UCI copy of the data. */
  @checkOutput({ values: SPECIES })
  speciesName(species: Column<string>): Column<string> {
    return species.map((s) => (typeof s === 'string' ? s.trim().toLowerCase().replace(/^iris-/, '') : s));
  }

  /** Petal length × width, in cm²: a rough petal area. Never negative, never missing. */
  @checkOutput({ range: [0, 20], allowNaN: false })
  petalArea(petalLength: Column<number>, petalWidth: Column<number>): Column<number> {
    return col.multiply(petalLength, petalWidth);
  }

  /**
   * Sepal length over width: how elongated a sepal is. Across the three
   * species sepals are about twice as long as wide; a missing width only warns.
   */
  @checkOutput({ meanRange: [1.5, 2.5] })
  @checkOutput({ maxNaNFraction: 0 }, { importance: 'warn' })
  sepalRatio(sepalLength: Column<number>, sepalWidth: Column<number>): Column<number> {
    return col.divide(sepalLength, sepalWidth);
  }

  /** Petal length over sepal length: long-petalled virginica scores highest. Up to 5% may be missing. */
  @checkOutput({ range: [0, 1], allowNaN: true, maxNaNFraction: 0.05 })
  petalToSepal(petalLength: Column<number>, sepalLength: Column<number>): Column<number> {
    return col.divide(petalLength, sepalLength);
  }

  /** One row per species: how many flowers, and their mean petal area. */
  @checkOutput({
    schema: {
      columns: {
        species: { type: 'string', checks: { values: SPECIES } },
        flowers: { type: 'integer', checks: { range: [1, 10_000] } },
        meanPetalArea: { type: 'number', checks: { range: [0, 20], allowNaN: false } },
      },
      allowExtraColumns: false,
    },
  })
  @checkOutputCustom(new BalancedClasses(1.5))
  speciesCounts(speciesName: Column<string>, petalArea: Column<number>): Table {
    return aq.table({ species: speciesName, petalArea })
      .groupby('species')
      .rollup({ flowers: aq.op.count(), meanPetalArea: aq.op.mean('petalArea') })
      .orderby('species');
  }
}
