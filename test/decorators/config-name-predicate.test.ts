import { Builder, config, configuration, dataflow, NoMatchingVariantError, RecordResult, source, subdag } from 'hamilton-ts';

const build = (cls: object, cfg: Record<string, unknown>) => new Builder().withModules(cls).withConfig(cfg).withResultBuilder(new RecordResult()).build();
const names = (cls: object, cfg: Record<string, unknown>) => build(cls, cfg).listAvailableVariables().map((v) => v.name);

describe('@config.when(…, { name })', () => {
  @dataflow()
  class Named {
    @config.when({ region: 'us' }, { name: 'myTransform' })
    usTransform(): string {
      return 'us';
    }

    @config.whenIn({ region: ['uk', 'de'] }, { name: 'myTransform' })
    europeanTransform(): string {
      return 'eu';
    }

    downstream(myTransform: string): string {
      return `[${myTransform}]`;
    }
  }

  test('names the node instead of the method (no __suffix needed)', async () => {
    expect(await build(Named, { region: 'us' }).execute(['downstream'])).toEqual({ downstream: '[us]' });
    expect(await build(Named, { region: 'de' }).execute(['downstream'])).toEqual({ downstream: '[eu]' });
    expect(names(Named, { region: 'us' })).not.toContain('usTransform');
  });

  test('a name left out by the config is known to the missing-variant error', async () => {
    const error = await build(Named, { region: 'fr' }).execute(['downstream']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoMatchingVariantError);
    expect((error as Error).message).toContain("node 'myTransform' is needed, but no variant of it matches the config (region=\"fr\")");
  });

  test('two config decorators naming the node differently is an error at graph build', () => {
    @dataflow()
    class TwoNames {
      @config.when({ a: 1 }, { name: 'x' })
      @config.whenNot({ b: 1 }, { name: 'y' })
      one(): number {
        return 1;
      }
    }
    expect(() => build(TwoNames, { a: 1 })).toThrow("TwoNames.one: @config names the node 'x' and 'y': give one name");
  });
});

describe('@config(predicate)', () => {
  @dataflow()
  class Predicated {
    @config((cfg) => (cfg.rows as number) > 100, { name: 'engine' })
    engine__big(): string {
      return 'distributed';
    }

    @config(function smallData(cfg) { return !((cfg.rows as number) > 100); })
    engine__small(): string {
      return 'local';
    }
  }

  test('keeps the method when the function of the whole config returns true', async () => {
    expect(await build(Predicated, { rows: 1000 }).execute(['engine'])).toEqual({ engine: 'distributed' });
    expect(await build(Predicated, { rows: 10 }).execute(['engine'])).toEqual({ engine: 'local' });
  });

  test('a predicate that throws is an error at graph build naming the method', () => {
    @dataflow()
    class Throws {
      @config((cfg) => (cfg.nested as { on: boolean }).on)
      one(): number {
        return 1;
      }
    }
    expect(() => build(Throws, {})).toThrow(/^Throws\.one: @config failed to decide from the config: /);
  });

  test('a left-out variant names its predicate; a predicate must be a function', async () => {
    @dataflow()
    class Only {
      @config(function bigData(cfg) { return (cfg.rows as number) > 100; })
      engine__big(): string {
        return 'distributed';
      }
    }
    await expect(build(Only, { rows: 1 }).execute(['engine'])).rejects.toThrow('  - Only.engine__big needs config(bigData)');
    expect(() => config(42 as never)).toThrow('@config takes a function from the config to true or false');
  });
});

describe('configuration(key)', () => {
  @dataflow()
  class Pricing {
    @config.when({ market: 'eu' })
    vat__eu(): number {
      return 0.2;
    }

    @config.when({ market: 'us' })
    vat__us(): number {
      return 0.07;
    }

    gross(net: number, vat: number): number {
      return Math.round(net * (1 + vat) * 100) / 100;
    }
  }

  @dataflow()
  class Shop {
    @subdag(Pricing, { inputs: { net: source('price') }, config: { market: configuration('homeMarket') } })
    homePrice(gross: number): number {
      return gross;
    }

    @subdag(Pricing, { inputs: { net: source('price') }, config: { market: configuration('exportMarket') } })
    exportPrice(gross: number): number {
      return gross;
    }
  }

  test("remaps an outer config key to the one the subdag reads", async () => {
    const dr = build(Shop, { homeMarket: 'eu', exportMarket: 'us' });
    expect(await dr.execute(['homePrice', 'exportPrice'], { inputs: { price: 100 } })).toEqual({ homePrice: 120, exportPrice: 107 });
  });

  test('a key the outer config lacks is an error at graph build', () => {
    expect(() => build(Shop, { homeMarket: 'eu' })).toThrow(
      "Shop.exportPrice: @subdag sets config 'market' from configuration('exportMarket'), which the config does not have",
    );
  });
});
