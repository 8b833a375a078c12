import * as aq from 'arquero';
import {
  Builder, config, dataflow, extractColumns, parameterize, RecordResult, tag, value, type Column, type Table,
} from 'hamilton-ts';
import { resolve } from '../../decorators/resolve';

@dataflow()
class Features {
  /** {metric} for the {market} market. */
  @tag({ owner: 'growth', tier: ['gold', 'silver'] })
  @config.when({ markets: 'all' })
  @parameterize({
    spendUk: { market: value('UK'), metric: value('Spend') },
    spendDe: { market: value('DE'), metric: value('Spend') },
  })
  spendByMarket__all(ledger: Table, market: string, metric: string): number {
    return (ledger.params({ market }).filter((d: { market: string }, $: { market: string }) => d.market === $.market)
      .rollup({ total: aq.op.sum(metric.toLowerCase()) }).object() as { total: number }).total;
  }

  @tag({ owner: 'data-eng' })
  @extractColumns('market', 'spend')
  ledger(): Table {
    return aq.table({ market: ['UK', 'DE', 'UK'], spend: [10, 20, 30] });
  }

  @tag({ pii: 'false' })
  spendShare(spend: Column<number>, spendUk: number): Column<number> {
    return spend.map((s) => s / spendUk);
  }
}

const build = (cfg: Record<string, unknown>) => new Builder().withModules(Features).withConfig(cfg).withResultBuilder(new RecordResult()).build();

test('a parameterized node that is also config-dependent and tagged', async () => {
  const dr = build({ markets: 'all' });
  expect(await dr.execute(['spendUk', 'spendDe'])).toEqual({ spendUk: 40, spendDe: 20 });
  const uk = dr.listAvailableVariables().find((v) => v.name === 'spendUk')!;
  expect(uk).toMatchObject({ doc: 'Spend for the UK market.', tags: { owner: 'growth', tier: ['gold', 'silver'] } });
  // Left out by the config, spendUk is no node: spendShare now reads it as an input.
  const without = build({ markets: 'none' }).listAvailableVariables();
  expect(without.map((v) => v.name)).not.toContain('spendDe');
  expect(without.find((v) => v.name === 'spendUk')!.isExternalInput).toBe(true);
});

test('extracted columns carry their method\'s tags and feed other nodes', async () => {
  const dr = build({ markets: 'all' });
  expect(Array.from((await dr.execute(['spendShare'])).spendShare as number[])).toEqual([0.25, 0.5, 0.75]);
  expect(dr.listAvailableVariables().find((v) => v.name === 'spend')!.tags).toEqual({ owner: 'data-eng' });
});

test('the driver selects nodes by tag: a value, any of several values, or any value at all', () => {
  const dr = build({ markets: 'all' });
  const select = (tags: Parameters<typeof dr.listAvailableVariables>[0]) =>
    dr.listAvailableVariables(tags).map((v) => v.name).sort();
  expect(select({ tags: { owner: 'growth' } })).toEqual(['spendDe', 'spendUk']);
  // @tag labels the final nodes (Hamilton's default target): the columns, not the ledger they come from.
  expect(select({ tags: { owner: ['growth', 'data-eng'] } })).toEqual(['market', 'spend', 'spendDe', 'spendUk']);
  expect(select({ tags: { tier: 'silver' } })).toEqual(['spendDe', 'spendUk']);
  expect(select({ tags: { pii: true } })).toEqual(['spendShare']);
  expect(select({ tags: { owner: 'growth', pii: true } })).toEqual([]);
});

test('decorator order on the method does not matter: expanders run in a fixed order', async () => {
  @dataflow()
  class Reordered {
    @parameterize({ a: { x: value(1) }, b: { x: value(2) } })
    @tag({ kind: 'param' })
    @config.when({ on: true })
    one__v(x: number): number {
      return x;
    }
  }
  const dr = new Builder().withModules(Reordered).withConfig({ on: true }).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['a', 'b'])).toEqual({ a: 1, b: 2 });
  expect(dr.listAvailableVariables({ tags: { kind: 'param' } }).map((v) => v.name)).toEqual(['a', 'b']);
});

test('@resolve makes decorators from the config when the graph is built', async () => {
  @dataflow()
  class PerRegion {
    /** Sales in {region}. */
    @resolve((cfg) => [
      parameterize(Object.fromEntries((cfg.regions as string[]).map((r) => [`sales${r}`, { region: value(r) }]))),
      tag({ generated: 'yes' }),
    ])
    sales(region: string, base: number): string {
      return `${region}:${base}`;
    }
  }
  const dr = new Builder().withModules(PerRegion).withConfig({ regions: ['Eu', 'Us'] }).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['salesEu', 'salesUs'], { inputs: { base: 1 } })).toEqual({ salesEu: 'Eu:1', salesUs: 'Us:1' });
  expect(dr.listAvailableVariables({ tags: { generated: 'yes' } }).map((v) => v.doc)).toEqual(['Sales in Eu.', 'Sales in Us.']);
  expect(() => new Builder().withModules(PerRegion).build()).toThrow('PerRegion.sales: @resolve failed to make decorators from the config:');
});
