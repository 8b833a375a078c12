import { Builder, config, dataflow, DecoratorError, RecordResult } from 'hamilton-ts';

// Hamilton's sanitize_function_name: the variant suffix is what follows the LAST '__'.
describe('a config variant\'s suffix', () => {
  @dataflow()
  class Doubled {
    @config.when({ v: 1 })
    total__v1__fast(): number {
      return 1;
    }

    @config.when({ v: 2 })
    total__v1__slow(): number {
      return 2;
    }

    report(total__v1: number): number {
      return total__v1 * 10;
    }
  }

  test('total__v1__fast defines total__v1', async () => {
    const dr = new Builder().withModules(Doubled).withConfig({ v: 2 }).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['report'])).toEqual({ report: 20 });
  });

  test('a trailing __ is an error naming the method and where it is, whatever the config', () => {
    @dataflow()
    class Trailing {
      @config.when({ v: 1 })
      total__(): number {
        return 1;
      }
    }
    for (const cfg of [{ v: 1 }, { v: 2 }]) {
      const build = () => new Builder().withModules(Trailing).withConfig(cfg).build();
      expect(build).toThrow(DecoratorError);
      expect(build).toThrow(/^Trailing\.total__: @config \(at .*config-variant-suffix\.test\.ts:\d+\) decorates 'total__', whose name ends in '__'/);
    }
  });
});
