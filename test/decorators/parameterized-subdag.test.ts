import { Builder, config, dataflow, parameterizedSubdag, RecordResult, source, subdag, tag, value, type Column } from 'hamilton-ts';

@dataflow()
class Features {
  @config.when({ filter: 'evenOnly' })
  kept__even(data: Column<number>): Column<number> {
    return data.filter((v) => v % 2 === 0);
  }

  @config.whenNot({ filter: 'evenOnly' })
  kept__all(data: Column<number>): Column<number> {
    return data;
  }

  featureTotal(kept: Column<number>, scale: number): number {
    return kept.reduce((a, b) => a + b, 0) * scale;
  }
}

@dataflow()
class Reuse {
  @tag({ level: 'final' })
  @parameterizedSubdag(Features, {
    fromSource1: { inputs: { data: source('source1') } },
    fromSource2: { inputs: { data: source('source2') }, config: { scale: 10 } },
    fromSource3: { inputs: { data: source('source2') }, config: { filter: 'evenOnly' } },
  }, { config: { scale: 1 } })
  featureEngineering(featureTotal: number): number {
    return featureTotal;
  }
}

const dr = new Builder().withModules(Reuse).withResultBuilder(new RecordResult()).build();
const inputs = { source1: [1, 2, 3], source2: [4, 5, 6] };

describe('@parameterizedSubdag', () => {
  test('makes one subdag per key, namespaced by the key, whose final node is named by the key', async () => {
    expect(await dr.execute(['fromSource1', 'fromSource2', 'fromSource3'], { inputs })).toEqual({
      fromSource1: 6, fromSource2: 150, fromSource3: 10,
    });
    const names = dr.listAvailableVariables().map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(['fromSource1.kept', 'fromSource2.featureTotal', 'fromSource3.kept']));
    expect(names).not.toContain('featureEngineering');
    expect(dr.listAvailableVariables({ tags: { level: 'final' } }).map((v) => v.name)).toEqual(['fromSource1', 'fromSource2', 'fromSource3']);
  });

  test('each subdag gets the shared config under its own, and the config decides its variants', async () => {
    const kept = await dr.execute(['fromSource2.kept', 'fromSource3.kept'], { inputs });
    expect(kept).toEqual({ 'fromSource2.kept': [4, 5, 6], 'fromSource3.kept': [4, 6] });
  });

  test('is one @subdag per key: the same nodes as writing the subdags out', () => {
    @dataflow()
    class Written {
      @subdag(Features, { namespace: 'fromSource1', inputs: { data: source('source1') }, config: { scale: 1 } })
      fromSource1(featureTotal: number): number {
        return featureTotal;
      }
    }
    const one = new Builder().withModules(Written).build().listAvailableVariables().map((v) => [v.name, v.dependencies]);
    const many = dr.listAvailableVariables().filter((v) => v.name === 'source1' || v.name.startsWith('fromSource1'))
      .map((v) => [v.name, v.dependencies]);
    expect(many.sort()).toEqual(one.sort());
  });

  test('conflicts with @subdag, and naming no subdag is an error at graph build', () => {
    @dataflow()
    class Empty {
      @parameterizedSubdag(Features, {})
      nothing(featureTotal: number): number {
        return featureTotal;
      }
    }
    expect(() => new Builder().withModules(Empty).build()).toThrow('Empty.nothing: @parameterizedSubdag names no subdag to make');
    @dataflow()
    class Both {
      @subdag(Features, { inputs: { data: value([1]) } })
      @parameterizedSubdag(Features, { a: {} })
      both(featureTotal: number): number {
        return featureTotal;
      }
    }
    expect(() => new Builder().withModules(Both).build()).toThrow('Both.both: @parameterizedSubdag conflicts with @subdag: both replace how the node is computed');
  });
});
