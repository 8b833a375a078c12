import * as aq from 'arquero';

/** The seed's six weeks of spend and signups. */
export const marketingInputs = () => aq.table({
  signups: Float64Array.from([1, 10, 50, 100, 200, 400]),
  spend: Float64Array.from([10, 10, 20, 40, 40, 50]),
});

/** What the seed's driver code asks for. */
export const MARKETING_OUTPUTS = ['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean', 'spendZeroMeanUnitVariance'];
