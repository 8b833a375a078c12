import { Builder, NodeExecutionError, OutputTypeError, RecordResult, type DataflowModule, type Executor } from 'hamilton-ts';

/**
 * The same wrong-kind node results on every executor (the classes are
 * test/fixtures/threads/wrong-kinds.ts, from source or from dist/): each fails
 * as the node's OutputTypeError instead of being spread down the rows.
 */
export function outputKindCases(module: DataflowModule, executor: () => Executor): void {
  const records = () => new Builder().withModules(module).withExecutor(executor()).withResultBuilder(new RecordResult()).build();
  const tables = () => new Builder().withModules(module).withExecutor(executor()).build();

  const failure = async (run: Promise<unknown>): Promise<NodeExecutionError> => {
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).cause).toBeInstanceOf(OutputTypeError);
    return error as NodeExecutionError;
  };

  test('a Column node returning undefined fails naming it, its declared type and what it returned', async () => {
    const error = await failure(records().execute(['forgotten'], { inputs: { rows: 3 } }));
    expect(error.message).toMatch(/^node 'forgotten' \(WrongKinds\.forgotten at test\/fixtures\/threads\/wrong-kinds\.ts:\d+\) failed: OutputTypeError: 'forgotten' is declared to return Column<number>, but it returned undefined\./);
    expect(error.node.name).toBe('forgotten');
    expect((error.cause as OutputTypeError).expected).toEqual({ kind: 'column', element: { kind: 'number' } });
  });

  test('a Column node returning a scalar is not repeated down the result table', async () => {
    const error = await failure(tables().execute(['good', 'scalarColumn'], { inputs: { rows: 3 } }));
    expect(error.message).toContain("OutputTypeError: 'scalarColumn' is declared to return Column<number>, but it returned a number (3).");
  });

  test('a Table node returning a record fails', async () => {
    const error = await failure(records().execute(['recordTable'], { inputs: { rows: 3 } }));
    expect(error.message).toContain("OutputTypeError: 'recordTable' is declared to return Table, but it returned an object.");
  });

  test('an async Column node is checked on the value its promise settles to', async () => {
    const error = await failure(records().execute(['lateColumn'], { inputs: { rows: 3 } }));
    expect(error.message).toContain("OutputTypeError: 'lateColumn' is declared to return Column<number>, but it returned a string (3 rows).");
  });

  test('@extractColumns on a method that returns no table fails as that method\'s OutputTypeError', async () => {
    const error = await failure(records().execute(['a'], { inputs: { rows: 3 } }));
    expect(error.message).toContain("failed: OutputTypeError: 'notATable' must return Table for @extractColumns, but it returned a number (3).");
  });

  test('an Arrow column object returned as a Column is handed on as its array', async () => {
    const result = await records().execute(['arrowColumn', 'arrowColumnFirst'], { inputs: { rows: 3 } });
    expect(result.arrowColumn).toEqual(Float64Array.from([0, 1, 2]));
    expect(result.arrowColumnFirst).toBe(1);
  });

  test('well-kinded results and undeclared ones pass', async () => {
    const result = await records().execute(['good', 'forgotten', 'anything'], { inputs: { rows: 0 } });
    expect(result).toEqual({ good: new Float64Array(0), forgotten: [], anything: 0 });
    expect(await records().execute(['anything'], { inputs: { rows: 1 } })).toEqual({ anything: undefined });
  });
}
