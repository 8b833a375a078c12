import { Builder, checkOutput, dataflow, Driver, DuplicateNodeError, extractColumns, HamiltonError, RecordResult, type Column, type Table } from 'hamilton-ts';
import * as aq from 'arquero';

// Hamilton's tests/resources/dummy_functions and dummy_functions_module_override, in TypeScript.
@dataflow()
class Dummy {
  /** Function that should become part of the graph - A */
  A(b: number, c: number): number {
    return b + c;
  }

  /** Function that should use A as an input */
  B(A: number): number {
    return A * A;
  }

  /** Function that should use A as an input */
  C(A: number): number {
    return A * 2;
  }
}

@dataflow()
class DummyOverride {
  /** Function that should override B in the graph */
  B(A: number, c: number): number {
    return A - c;
  }
}

@dataflow()
class LastOverride {
  B(A: number): number {
    return -A;
  }
}

const records = (builder: Builder<Table>) => builder.withResultBuilder(new RecordResult()).build();

describe('Builder.allowModuleOverrides()', () => {
  test('without it, a name two modules define is a DuplicateNodeError, as in Hamilton', () => {
    expect(() => new Builder().withModules(Dummy, DummyOverride).build()).toThrow(DuplicateNodeError);
  });

  test('a later module\'s node replaces the earlier one of the same name, its dependencies and all', async () => {
    const dr = records(new Builder().withModules(Dummy, DummyOverride).allowModuleOverrides());
    expect(dr.graph.nodes.get('B')!.dependencies.map((d) => d.name)).toEqual(['A', 'c']);
    expect(dr.graph.nodes.get('B')!.origin.className).toBe('DummyOverride');
    expect(await dr.execute(['A', 'B', 'C'], { inputs: { b: 2, c: 5 } })).toEqual({ A: 7, B: 2, C: 14 });
    const listed = dr.listAvailableVariables().filter((v) => v.name === 'B');
    expect(listed).toHaveLength(1);
    expect(listed[0].doc).toBe('Function that should override B in the graph');
  });

  test('the last module wins, in the order the modules are given', async () => {
    const last = records(new Builder().withModules(Dummy, DummyOverride, LastOverride).allowModuleOverrides());
    expect(await last.execute(['B'], { inputs: { b: 2, c: 5 } })).toEqual({ B: -7 });
    const first = records(new Builder().withModules(DummyOverride, Dummy).allowModuleOverrides());
    expect(await first.execute(['B'], { inputs: { b: 2, c: 5 } })).toEqual({ B: 49 });
  });

  test('modules passed in separate withModules calls override too, and the Driver constructor takes the option', async () => {
    const builder = new Builder().withModules(Dummy).allowModuleOverrides().withModules(LastOverride);
    expect(await records(builder).execute(['B'], { inputs: { b: 1, c: 1 } })).toEqual({ B: -2 });
    const dr = new Driver({}, [Dummy, LastOverride], { adapter: undefined, allowModuleOverrides: true });
    expect(dr.graph.nodes.get('B')!.origin.className).toBe('LastOverride');
  });

  test('within one module a name defined twice is still an error', () => {
    @dataflow()
    class Twice {
      @extractColumns('spend')
      frame(): Table {
        return aq.table({ spend: [1] });
      }

      spend(): Column<number> {
        return [2];
      }
    }
    expect(() => new Builder().withModules(Dummy, Twice).allowModuleOverrides().build()).toThrow(DuplicateNodeError);
    expect(() => new Builder().withModules(Twice, DummyOverride).allowModuleOverrides().build()).toThrow("node 'spend' is defined more than once");
  });

  test('the replaced node\'s own check nodes stay apart: requesting the name runs only the later definition', async () => {
    @dataflow()
    class CheckedB {
      @checkOutput({ range: [0, 1] })
      B(A: number): number {
        return A;
      }
    }
    const dr = records(new Builder().withModules(Dummy, CheckedB, LastOverride).allowModuleOverrides());
    const { result, report } = await dr.executeWithReport(['B'], { inputs: { b: 2, c: 5 } });
    expect(result).toEqual({ B: -7 });
    expect(report.results).toEqual([]);
  });

  test('allowModuleOverrides(false) turns it off again; anything but a boolean is an error', () => {
    expect(() => new Builder().withModules(Dummy, DummyOverride).allowModuleOverrides().allowModuleOverrides(false).build()).toThrow(DuplicateNodeError);
    expect(() => new Builder().allowModuleOverrides('yes' as unknown as boolean)).toThrow(HamiltonError);
    expect(() => new Builder().allowModuleOverrides('yes' as unknown as boolean)).toThrow("Builder.allowModuleOverrides(allow): allow must be true or false, but got a string (yes)");
  });
});
