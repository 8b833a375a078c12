import * as aq from 'arquero';
import { Builder, checkOutput, dataflow, DecoratorError, extractColumns, extractFields, subdag, tag, tagOutputs, THREAD_TAG, timeoutTag, type Table } from 'hamilton-ts';

const tagsOf = (module: object, config: Record<string, unknown> = {}) => Object.fromEntries(
  new Builder().withModules(module).withConfig(config).build().listAvailableVariables()
    .filter((v) => !v.isExternalInput).map((v) => [v.name, v.tags]),
);

describe('@tag targets (Hamilton\'s target_)', () => {
  test('by default it labels the final nodes: the extracted fields, not the record they come from', () => {
    @dataflow()
    class Fields {
      @tag({ test: 'b_c' })
      @extractFields({ b: 'number', c: 'string' })
      bC(a: number): { b: number; c: string } {
        return { b: a, c: String(a) };
      }
    }
    expect(tagsOf(Fields)).toEqual({ bC: {}, b: { test: 'b_c' }, c: { test: 'b_c' } });
  });

  test('a checked node is final; its raw value and checks are not', () => {
    @dataflow()
    class Checked {
      @tag({ owner: 'dq' })
      @checkOutput({ range: [0, 1] })
      ratio(): number {
        return 0.5;
      }
    }
    expect(tagsOf(Checked)).toEqual({ ratio: { owner: 'dq' }, 'ratio.raw': {}, 'ratio.check': expect.not.objectContaining({ owner: 'dq' }) });
  });

  test("a subdag's reused nodes are never final, even those its final node does not read", () => {
    @dataflow()
    class Inner {
      used(x: number): number {
        return x;
      }

      unused(x: number): number {
        return -x;
      }
    }
    @dataflow()
    class Outer {
      @tag({ owner: 'outer' })
      @subdag(Inner)
      reused(used: number): number {
        return used;
      }
    }
    expect(tagsOf(Outer)).toEqual({ reused: { owner: 'outer' }, 'reused.used': {}, 'reused.unused': {} });
  });

    test("'...' labels every node the method became; a name or names label those nodes only", () => {
    @dataflow()
    class Targets {
      @tag({ everywhere: 'yes' }, { target: '...' })
      @tag({ one: 'yes' }, { target: 'ledger' })
      @tag({ some: 'yes' }, { target: ['ledger', 'spend'] })
      @extractColumns('spend', 'signups')
      ledger(): Table {
        return aq.table({ spend: [1], signups: [2] });
      }
    }
    expect(tagsOf(Targets)).toEqual({
      ledger: { everywhere: 'yes', one: 'yes', some: 'yes' },
      spend: { everywhere: 'yes', some: 'yes' },
      signups: { everywhere: 'yes' },
    });
  });

  test('a target naming no node of the method is an error at graph build', () => {
    @dataflow()
    class Typo {
      @tag({ a: 'b' }, { target: 'spnd' })
      @extractColumns('spend')
      ledger(): Table {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => new Builder().withModules(Typo).build()).toThrow(
      new DecoratorError('Typo', 'ledger', 'tag', "targets 'spnd', but the method makes only 'ledger', 'spend'"),
    );
  });
});

describe('@tagOutputs', () => {
  @dataflow()
  class Outputs {
    @tagOutputs({ a: { aTag: 'aValue' }, b: { bTag: 'bValue' } })
    @tag({ shared: 'yes' })
    @extractColumns('a', 'b')
    frame(): Table {
      return aq.table({ a: [1], b: [2] });
    }
  }

  test('tags each named output on its own, beside @tag', () => {
    expect(tagsOf(Outputs)).toEqual({
      frame: {}, a: { aTag: 'aValue', shared: 'yes' }, b: { bTag: 'bValue', shared: 'yes' },
    });
  });

  test('a name that is no final node of the method is an error at graph build', () => {
    @dataflow()
    class NotFinal {
      @tagOutputs({ frame: { x: 'y' } })
      @extractColumns('a')
      frame(): Table {
        return aq.table({ a: [1] });
      }
    }
    expect(() => new Builder().withModules(NotFinal).build()).toThrow(
      "NotFinal.frame: @tagOutputs names 'frame', but the method's final nodes are 'a'",
    );
  });
});

describe('tags that say how a node runs', () => {
  @dataflow()
  class Heavy {
    @tag({ ...THREAD_TAG, ...timeoutTag(500), owner: 'growth' })
    @extractColumns('spend', 'signups')
    ledger(): Table {
      return aq.table({ spend: [1, 2], signups: [3, 4] });
    }

    @tag(THREAD_TAG)
    @checkOutput({ range: [0, 10] })
    checked(): number {
      return 1;
    }
  }

  test('executor and timeout tags reach every node the method became (the work is in the table and x.raw), other tags its final nodes', () => {
    const tags = Object.fromEntries(new Builder().withModules(Heavy).build().listAvailableVariables().map((v) => [v.name, v.tags]));
    expect(tags.ledger).toEqual({ executor: 'thread', 'hamilton.timeoutMs': '500' });
    expect(tags.spend).toMatchObject({ executor: 'thread', 'hamilton.timeoutMs': '500', owner: 'growth' });
    expect(tags['checked.raw']).toMatchObject({ executor: 'thread' });
  });
});
