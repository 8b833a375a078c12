import { checkOutput, col, dataflow, type Column } from 'hamilton-ts';

/** The seed's marketing-spend dataflow: each method is one column or scalar of the result. */
@dataflow()
export class MarketingSpend {
  /** Rolling 3 week average spend. */
  avg3wkSpend(spend: Column<number>): Column<number> {
    return col.rollingMean(spend, 3);
  }

  /** The cost per signup in relation to a rolling average of spend. */
  @checkOutput({ range: [0, 10_000], allowNaN: true }, { importance: 'warn' })
  acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
    return col.divide(avg3wkSpend, signups);
  }

  /** A scalar: the mean of the whole spend column. */
  spendMean(spend: Column<number>): number {
    return col.mean(spend);
  }

  /** Takes a scalar: spend with its mean removed. */
  spendZeroMean(spend: Column<number>, spendMean: number): Column<number> {
    return col.subtract(spend, spendMean);
  }

  /** Spend scaled to unit sample standard deviation around its mean. */
  spendZeroMeanUnitVariance(spendZeroMean: Column<number>, spend: Column<number>): Column<number> {
    return col.divide(spendZeroMean, col.std(spend));
  }
}
