import * as aq from 'arquero';
import {
  Builder, dataflow, DecoratorArgumentError, from, InvalidRequestError, LOADER_TAG, MaterializerError, memoryStore, RecordResult, SAVER_TAG, source, TableResult, to,
  type Column, type Table,
} from 'hamilton-ts';

@dataflow()
class Spend {
  /** Spend doubled. */
  doubled(spend: Column<number>): Column<number> {
    return spend.map((v) => v * 2);
  }

  total(doubled: Column<number>): number {
    return doubled.reduce((a, b) => a + b, 0);
  }

  spendTable(raw: Table): Column<number> {
    return raw.array('spend') as number[];
  }
}

const driver = () => new Builder().withModules(Spend).build();
beforeEach(() => memoryStore.clear());

describe('dr.materialize (Hamilton\'s Driver.materialize)', () => {
  test('to.<adapter> with combine saves the joined dependencies; returns [metadata by id, additionalVars]', async () => {
    const [metadata, results] = await driver().materialize(
      to.memory({ id: 'saveSpend', dependencies: ['spend', 'doubled'], combine: new TableResult(), key: 'out' }),
      { inputs: { spend: [1, 2, 3] }, additionalVars: ['total'] },
    );
    const saved = memoryStore.get('out') as Table;
    expect(saved.columnNames()).toEqual(['spend', 'doubled']);
    expect(saved.array('doubled')).toEqual([2, 4, 6]);
    expect(metadata).toEqual({ saveSpend: expect.objectContaining({ adapter: 'memory', path: 'memory:out', rows: 3 }) });
    expect(results).toEqual({ total: 12 });
  });

  test('to.<adapter> without combine saves its one dependency as it is', async () => {
    await driver().materialize(to.memory({ id: 'saveTotal', dependencies: ['total'], key: 'total' }), { inputs: { spend: [1, 2] } });
    expect(memoryStore.get('total')).toBe(6);
  });

  test('from.<adapter> loads a target input (or replaces a node), and a saver may save what it gives', async () => {
    memoryStore.set('raw', aq.table({ spend: [5, 6] }));
    const [metadata, results] = await driver().materialize(
      from.memory({ target: 'raw', key: 'raw' }),
      to.memory({ id: 'saveSpendTable', dependencies: ['spendTable'], key: 'copied' }),
      { additionalVars: ['load_metadata.raw'] },
    );
    expect(memoryStore.get('copied')).toEqual([5, 6]);
    expect(Object.keys(metadata)).toEqual(['saveSpendTable']);
    expect(results['load_metadata.raw']).toEqual(expect.objectContaining({ adapter: 'memory', path: 'memory:raw', rows: 2 }));
    // A node as target: `doubled` now comes from the store, not from `spend`.
    memoryStore.set('d', [100, 200]);
    const [, r] = await driver().materialize(from.memory({ target: 'doubled', key: 'd' }), { additionalVars: ['total'] });
    expect(r).toEqual({ total: 300 });
  });

  test('options may be source(…): read from inputs at run time', async () => {
    await driver().materialize(to.memory({ id: 'saveTotal', dependencies: ['total'], key: source('outKey') }), { inputs: { spend: [1], outKey: 'fromInput' } });
    expect(memoryStore.get('fromInput')).toBe(2);
  });

  test('overrides replace nodes as in execute', async () => {
    const [, results] = await driver().materialize(to.memory({ id: 's', dependencies: ['total'], key: 'k' }), { inputs: { spend: [1] }, overrides: { doubled: [10, 10] }, additionalVars: ['total'] });
    expect(results).toEqual({ total: 20 });
    expect(memoryStore.get('k')).toBe(20);
  });

  test('the driver\'s own graph is left as it was', async () => {
    const dr = driver();
    await dr.materialize(to.memory({ id: 'saveTotal', dependencies: ['total'], key: 'x' }), { inputs: { spend: [1] } });
    expect(dr.listAvailableVariables().some((v) => v.name === 'saveTotal')).toBe(false);
  });
});

describe('materializer errors name the materializer and what is wrong', () => {
  test('a target or dependency that names nothing, an id already taken, an unknown adapter', async () => {
    const dr = driver();
    await expect(dr.materialize(from.memory({ target: 'nope', key: 'k' }))).rejects.toThrow(MaterializerError);
    await expect(dr.materialize(from.memory({ target: 'nope', key: 'k' }))).rejects.toThrow("from.memory 'nope': the target 'nope' is neither a node nor an input of the graph");
    await expect(dr.materialize(to.memory({ id: 's', dependencies: ['totl'], key: 'k' }))).rejects.toThrow("to.memory 's': saves 'totl', which is neither a node nor an input of the graph");
    await expect(dr.materialize(to.memory({ id: 'total', dependencies: ['doubled'], key: 'k' }))).rejects.toThrow("the id 'total' is already a node of the graph");
    await expect(dr.materialize(to.parket({ id: 's', dependencies: ['total'] }))).rejects.toThrow(/to\.parket 's': cannot be used: no saver named 'parket' is registered/);
    await expect(dr.materialize(to('memory', { id: 's', dependencies: ['total'], ky: 'k' }))).rejects.toThrow(/the memory saver's option 'ky' is not one it takes/);
  });

  test('several dependencies without combine, a bad id or target: errors where they are written', () => {
    expect(() => to.memory({ id: 's', dependencies: ['a', 'b'], key: 'k' })).toThrow(DecoratorArgumentError);
    expect(() => to.memory({ id: 's', dependencies: ['a', 'b'], key: 'k' })).toThrow(/to\.memory 's' saves 2 dependencies \(a, b\): pass combine/);
    expect(() => to('memory', { id: '', dependencies: ['a'] })).toThrow(/needs id/);
    expect(() => to('memory', { id: 's', dependencies: [] })).toThrow(/needs dependencies/);
    expect(() => to('memory', { id: 's', dependencies: ['a'], combine: {} as never })).toThrow(/combine must be a result builder/);
    expect(() => from.memory({ key: 'k' } as never)).toThrow(/from\.memory needs target/);
  });

  test('materialize arguments of the wrong kind are an InvalidRequestError', async () => {
    const dr = driver();
    await expect(dr.materialize('total' as never, {})).rejects.toThrow(InvalidRequestError);
    await expect(dr.materialize(to.memory({ id: 's', dependencies: ['total'], key: 'k' }), { additional: ['x'] } as never)).rejects.toThrow(/options has 'additional'/);
    await expect(dr.materialize({})).rejects.toThrow(/nothing to materialize/);
  });
});

describe('Builder.withMaterializers (Hamilton\'s with_materializers): permanent nodes', () => {
  const built = () => new Builder().withModules(Spend).withResultBuilder(new RecordResult())
    .withMaterializers(from.memory({ target: 'raw', key: 'raw' }), to.memory({ id: 'saveTotal', dependencies: ['total'], key: 'total' }))
    .build();

  test('the loader and saver nodes are in listings, tagged; execute saves on request', async () => {
    const dr = built();
    expect(dr.listAvailableVariables({ tags: { [SAVER_TAG]: 'true' } }).map((v) => v.name)).toEqual(['saveTotal']);
    expect(dr.listAvailableVariables({ tags: { [LOADER_TAG]: 'true' } }).map((v) => v.name).sort()).toEqual(['load_data.raw', 'load_metadata.raw', 'raw']);
    const dot = dr.toDot();
    expect(dot).toMatch(/"saveTotal" \[label="saveTotal\\nRecord<string, unknown>", shape="cylinder".*class="hamilton_node saver"/);
    expect(dot).toMatch(/"load_data\.raw" \[label=.*shape="cylinder".*class="hamilton_node loader"/);
    expect(await dr.execute(['saveTotal'], { inputs: { spend: [2] } })).toEqual({ saveTotal: expect.objectContaining({ adapter: 'memory', path: 'memory:total' }) });
    expect(memoryStore.get('total')).toBe(4);
  });

  test('materialize() with no materializers runs every permanent saver; more may be added', async () => {
    const dr = built();
    const [metadata] = await dr.materialize({ inputs: { spend: [3] } });
    expect(Object.keys(metadata)).toEqual(['saveTotal']);
    expect(memoryStore.get('total')).toBe(6);
    const [more] = await dr.materialize(to.memory({ id: 'saveDoubled', dependencies: ['doubled'], key: 'd' }), { inputs: { spend: [3] } });
    expect(Object.keys(more)).toEqual(['saveTotal', 'saveDoubled']);
    expect(memoryStore.get('d')).toEqual([6]);
  });

  test('something that is no materializer is an error naming it', () => {
    expect(() => new Builder().withMaterializers('x' as never)).toThrow(/Builder\.withMaterializers takes from\.<adapter>\(…\) and to\.<adapter>\(…\) materializers, but argument 1 is/);
  });
});
