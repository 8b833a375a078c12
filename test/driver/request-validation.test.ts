import * as aq from 'arquero';
import { Builder, dataflow, HamiltonError, InvalidRequestError, parameterizeValues, RecordResult } from 'hamilton-ts';

@dataflow()
class Sums {
  total(x: number): number {
    return x + 1;
  }

  @parameterizeValues('k', { a: 1, b: 2, ['a\u0000b']: 3 })
  constant(k: number): number {
    return k;
  }
}

const dr = new Builder().withModules(Sums).withResultBuilder(new RecordResult()).build();
const inputs = { x: 1 };

// Every entry point reads a request the same way.
const entryPoints = {
  execute: (outputs: unknown, options?: unknown) => dr.execute(outputs as string[], options as never),
  rawExecute: (outputs: unknown, options?: unknown) => dr.rawExecute(outputs as string[], options as never),
  executeWithReport: (outputs: unknown, options?: unknown) => dr.executeWithReport(outputs as string[], options as never),
  validateExecution: async (outputs: unknown, options?: unknown) => dr.validateExecution(outputs as string[], options as never),
};

describe.each(Object.entries(entryPoints))('%s refuses a request it would misread', (method, call) => {
  const refused = async (outputs: unknown, options: unknown, message: string) => {
    const error = await call(outputs, options).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toBeInstanceOf(HamiltonError);
    expect((error as Error).message).toContain(`${method}(outputs, options): ${message}`);
  };

  test('outputs that are not an array of names', async () => {
    await refused('total', { inputs }, "outputs must be an array of node names, but got a string (total); write ['total']");
    await refused(undefined, { inputs }, 'outputs must be an array of node names, but got undefined');
    await refused([42], { inputs }, 'outputs[0] must be a non-empty string (a node name), but got a number (42)');
    await refused(['total', undefined], { inputs }, 'outputs[1] must be a non-empty string (a node name), but got undefined');
    await refused([''], { inputs }, "outputs[0] must be a non-empty string (a node name), but got an empty string");
  });

  test('inputs, overrides and options of the wrong shape', async () => {
    await refused(['total'], { inputs: null }, 'options.inputs must be a record of values or an Arquero table, but got null');
    await refused(['total'], { inputs: [1] }, 'options.inputs must be a record of values or an Arquero table, but got an array of 1 values');
    await refused(['total'], { inputs: new Map([['x', 1]]) }, 'options.inputs must be a record of values or an Arquero table, but got a Map');
    await refused(['total'], { inputs, overrides: aq.table({ total: [1] }) }, 'options.overrides must be a record of values, but got a Table of 1 columns × 1 rows');
    await refused(['total'], { inputs, overrides: 5 }, 'options.overrides must be a record of values, but got a number (5)');
    await refused(['total'], 'fast', "options must be an object ({ inputs, overrides, onFailedCheck, timeoutMs }), but got a string (fast)");
    await refused(['total'], { input: inputs }, "options has no 'input' (did you mean 'inputs'?): it takes inputs, overrides, onFailedCheck, timeoutMs");
    await refused(['total'], { inputs, onFailedCheck: 'skip' }, "options.onFailedCheck must be 'stop' or 'skipDependents', but got a string (skip)");
  });
});

describe('the plan cache', () => {
  test('never answers one request with the plan of another', async () => {
    expect(await dr.execute([])).toEqual({});
    await expect(dr.execute([undefined as unknown as string])).rejects.toThrow(InvalidRequestError);
    expect(await dr.execute(['a', 'b'])).toEqual({ a: 1, b: 2 });
    expect(await dr.execute(['a\u0000b'])).toEqual({ 'a\u0000b': 3 });
  });

  test('valid requests of every shape still run', async () => {
    expect(await dr.execute(['a'], { inputs: aq.table({ y: [1] }) })).toEqual({ a: 1 });
    expect(await dr.execute(['total'], { inputs: Object.assign(Object.create(null), inputs) })).toEqual({ total: 2 });
    expect(await dr.execute(['total'], { inputs, overrides: undefined, onFailedCheck: 'stop' })).toEqual({ total: 2 });
  });
});
