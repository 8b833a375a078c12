import * as aq from 'arquero';
import { Builder, dataflow, extractColumns, resolve, tag, tagOutputs, type Table } from 'hamilton-ts';

// Hamilton applies decorators bottom-up, each updating the node's tags: the outermost one wins.
const tagsOf = (module: object) => Object.fromEntries(
  new Builder().withModules(module).build().listAvailableVariables().filter((v) => !v.isExternalInput).map((v) => [v.name, v.tags]),
);

describe('stacked tag decorators with the same key', () => {
  test('the outermost @tag wins', () => {
    @dataflow()
    class Stacked {
      @tag({ owner: 'outer' })
      @tag({ owner: 'inner', tier: 'gold' })
      t(): number {
        return 1;
      }
    }
    expect(tagsOf(Stacked).t).toEqual({ owner: 'outer', tier: 'gold' });
  });

  test('@tagOutputs above @tag wins, and @tag above @tagOutputs wins', () => {
    @dataflow()
    class Mixed {
      @tagOutputs({ c1: { owner: 'fromTagOutputs' } })
      @tag({ owner: 'fromTag' })
      @extractColumns('c1')
      above(): Table {
        return aq.table({ c1: [1] });
      }

      @tag({ owner: 'fromTag' })
      @tagOutputs({ c2: { owner: 'fromTagOutputs' } })
      @extractColumns('c2')
      below(): Table {
        return aq.table({ c2: [1] });
      }
    }
    const tags = tagsOf(Mixed);
    expect(tags.c1.owner).toBe('fromTagOutputs');
    expect(tags.c2.owner).toBe('fromTag');
  });

  test('a @tag that @resolve makes stands where @resolve is written', () => {
    @dataflow()
    class Resolved {
      @tag({ owner: 'outer' })
      @resolve(() => tag({ owner: 'resolved' }))
      r(): number {
        return 1;
      }
    }
    expect(tagsOf(Resolved).r.owner).toBe('outer');
  });
});
