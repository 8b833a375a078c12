import {
  Builder, dataflow, DecoratorError, group, parameterize, parameterizeSources, parameterizeValues,
  RecordResult, source, value, type Column,
} from 'hamilton-ts';

@dataflow()
class Regions {
  /** Revenue in {region} at rate {rate}. */
  @parameterize({
    revenueEu: { region: value('EU'), rate: source('euRate') },
    revenueUs: { params: { region: value('US'), rate: value(1) }, doc: 'US revenue, in dollars.' },
  })
  revenue(sales: Column<number>, region: string, rate: number): string {
    return `${region}:${sales.reduce((a, b) => a + b, 0) * rate}`;
  }

  @parameterizeValues('window', { smooth2: 2, smooth3: 3 })
  smooth(sales: Column<number>, window: number): number {
    return sales.slice(-window).reduce((a, b) => a + b, 0) / window;
  }

  @parameterizeSources({ salesEuTotal: { figures: 'euSales' }, salesUsTotal: { figures: 'usSales' } })
  total(figures: Column<number>): number {
    return figures.reduce((a, b) => a + b, 0);
  }

  /** The sum of {parts}. */
  @parameterize({ allSales: { parts: group(source('euSales'), source('usSales'), value([100])) } })
  combined(parts: Column<number>[]): number {
    return parts.reduce((sum, p) => sum + p.reduce((a, b) => a + b, 0), 0);
  }
}

const inputs = { sales: [1, 2, 3, 4], euRate: 2, euSales: [10, 20, 0, 0], usSales: [5, 0, 0, 0] };
const dr = new Builder().withModules(Regions).withResultBuilder(new RecordResult()).build();

describe('@parameterize', () => {
  test('makes one node per key with its own bound values and sources; the method itself is no node', async () => {
    expect(await dr.execute(['revenueEu', 'revenueUs'], { inputs })).toEqual({ revenueEu: 'EU:20', revenueUs: 'US:10' });
    const names = dr.listAvailableVariables().map((v) => v.name);
    expect(names).not.toContain('revenue');
    expect(dr.listAvailableVariables().find((v) => v.name === 'revenueEu')!.dependencies).toEqual(['sales', 'euRate']);
  });

  test('fills the doc template from the bound values, or takes the given doc', () => {
    const doc = (name: string) => dr.listAvailableVariables().find((v) => v.name === name)!.doc;
    expect(doc('revenueEu')).toBe('Revenue in EU at rate euRate.');
    expect(doc('revenueUs')).toBe('US revenue, in dollars.');
    expect(doc('allSales')).toBe('The sum of euSales, usSales, 100.');
  });

  test('parameterizeValues and parameterizeSources', async () => {
    expect(await dr.execute(['smooth2', 'smooth3', 'salesEuTotal', 'salesUsTotal'], { inputs })).toEqual({
      smooth2: 3.5, smooth3: 3, salesEuTotal: 30, salesUsTotal: 5,
    });
  });

  test('group() hands a list-valued parameter its members in order', async () => {
    expect(await dr.execute(['allSales'], { inputs })).toEqual({ allSales: 135 });
  });

  test('an unknown parameter is an error naming the class, the method and the decorator', () => {
    @dataflow()
    class Typo {
      @parameterize({ a: { windw: value(2) } })
      smooth(window: number): number {
        return window;
      }
    }
    const build = () => new Builder().withModules(Typo).build();
    expect(build).toThrow(DecoratorError);
    expect(build).toThrow("Typo.smooth: @parameterize binds 'windw', which is not a parameter of smooth(window)");
  });

  test('a binding that is not value/source/group says what to use', () => {
    @dataflow()
    class Raw {
      @parameterize({ a: { window: 2 as never } })
      smooth(window: number): number {
        return window;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(
      "Raw.smooth: @parameterize node 'a' binds 'window' to 2: use value(…), source('…') or group(…)",
    );
  });

  test('a source naming nothing is a missing input naming the parameterized node', async () => {
    @dataflow()
    class Dangling {
      @parameterizeSources({ copy: { x: 'nothingHere' } })
      echo(x: number): number {
        return x;
      }
    }
    await expect(new Builder().withModules(Dangling).build().execute(['copy'])).rejects.toThrow(
      /'nothingHere', needed by 'copy' \(Dangling\.echo at test\/decorators\/parameterize\.test\.ts:\d+\)/,
    );
  });
});
