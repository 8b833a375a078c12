import { DataQualityError, NodeExecutionError, NodeTimeoutError, WorkerThreadError, WorkerThreadExecutor } from 'hamilton-ts';
import { Failures, LinearModel, recordDriver } from './load-fixtures';

jest.setTimeout(60_000);

const executor = new WorkerThreadExecutor({ maxThreads: 2 });
const dr = recordDriver(Failures, executor);
const limited = new WorkerThreadExecutor({ maxThreads: 1, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
const limitedDr = recordDriver(Failures, limited);

const single = new WorkerThreadExecutor({ maxThreads: 1 });
const singleDr = recordDriver(Failures, single);

afterAll(async () => {
  await executor.close();
  await limited.close();
  await single.close();
});

const failure = (promise: Promise<unknown>) => promise.then(() => {
  throw new Error('the run should have failed');
}, (error: unknown) => error as NodeExecutionError);

describe('failures on worker threads', () => {
  test('a node that throws fails the run with the node, its source location and the worker\'s error as cause', async () => {
    const error = await failure(dr.execute(['boom'], { inputs: { x: 1 } }));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.message).toMatch(/^node 'boom' \(Failures\.boom at test\/fixtures\/threads\/failures\.ts:\d+\) failed: RangeError: x is 1, too big$/);
    expect(error.node).toBe(dr.graph.nodes.get('boom'));
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe('RangeError');
    expect((error.cause as Error).message).toBe('x is 1, too big');
    expect((error.cause as Error).stack).toContain('failures.js');
    expect(await dr.execute(['afterFine'], { inputs: { x: 1 } })).toEqual({ afterFine: 20 });
  });

  test('a node that never returns times out, and its thread is ended: the pool serves the next run', async () => {
    const t0 = Date.now();
    const error = await failure(singleDr.execute(['spins'], { inputs: { x: 1 }, timeoutMs: 300 }));
    expect(error).toBeInstanceOf(NodeTimeoutError);
    expect((error as unknown as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['spins']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // One thread: it would still be spinning had the task not been abandoned.
    expect(await singleDr.execute(['afterFine'], { inputs: { x: 1 } })).toEqual({ afterFine: 20 });
  });

  test('a failed data-quality check on a worker is a DataQualityError, as on the calling thread', async () => {
    expect(await dr.execute(['ratio'], { inputs: { x: 5 } })).toEqual({ ratio: 0.5 });
    const error = await failure(dr.execute(['ratio'], { inputs: { x: 50 } }));
    expect(error).toBeInstanceOf(DataQualityError);
    expect(error.message).toMatch(/data-quality checks failed on 'ratio'/);
    expect((error as unknown as DataQualityError).failures.map((f) => f.check)).toEqual(['range']);
  });

  test('a worker that calls process.exit fails only that run, naming the node; the next run succeeds', async () => {
    const error = await failure(dr.execute(['exits', 'afterFine'], { inputs: { x: 1 } }));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.node.name).toBe('exits');
    expect(error.cause).toBeInstanceOf(WorkerThreadError);
    expect(error.message).toMatch(/^node 'exits' \(Failures\.exits at .*failures\.ts:\d+\) failed: WorkerThreadError: the worker thread computing it died \(worker exited with code: 1\); the pool replaces the thread/);
    expect(await dr.execute(['afterFine', 'exits'], { inputs: { x: 0 } })).toEqual({ afterFine: 10, exits: 0 });
  });

  test('a worker that runs out of memory (resourceLimits) fails only that run; the next run succeeds', async () => {
    const error = await failure(limitedDr.execute(['hog'], { inputs: { x: 1 } }));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.node.name).toBe('hog');
    expect(error.message).toMatch(/^node 'hog' .* failed: WorkerThreadError: the worker thread computing it ran out of memory/);
    expect((error.cause as WorkerThreadError).cause).toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(await limitedDr.execute(['afterFine'], { inputs: { x: 2 } })).toEqual({ afterFine: 30 });
  });

  test('a value that cannot cross threads, either way, is an error naming the node; the next run succeeds', async () => {
    const back = await failure(dr.execute(['formatter'], { inputs: { x: 1 } }));
    expect(back).toBeInstanceOf(NodeExecutionError);
    expect(back.message).toMatch(/^node 'formatter' .* failed: TypeError: it returned a function, which would not arrive as itself in the calling thread/);
    const there = await failure(dr.execute(['scaled'], { inputs: { options: { scale: 2, round: Math.round } } }));
    expect(there).toBeInstanceOf(NodeExecutionError);
    expect(there.message).toMatch(/^node 'scaled' .* failed: WorkerThreadError: input 'options' of 'scaled' .* holds a function at round, which would not arrive as itself in a worker thread/);
    expect(await dr.execute(['fine'], { inputs: { x: 1 } })).toEqual({ fine: 2 });
  });

  test('a class instance from an upstream local node is refused before the thread node runs, naming node, input and class', async () => {
    const error = await failure(dr.execute(['predicted'], { inputs: { x: 3 } }));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.node.name).toBe('predicted');
    expect(error.cause).toBeInstanceOf(WorkerThreadError);
    expect(error.message).toMatch(/^node 'predicted' \(Failures\.predicted at test\/fixtures\/threads\/failures\.ts:\d+\) failed: WorkerThreadError: input 'fitted' of 'predicted' .* holds a LinearModel, which would not arrive as itself in a worker thread \(a class instance loses its methods/);
    expect(error.message).not.toMatch(/is not a function/);
  });

  test('a class instance as an input value, alone or inside a record, is refused the same way', async () => {
    const alone = await failure(dr.execute(['scored'], { inputs: { model: new LinearModel(2) } }));
    expect(alone.message).toMatch(/^node 'scored' .* failed: WorkerThreadError: input 'model' of 'scored' .* holds a LinearModel, which would not arrive/);
    const inside = await failure(dr.execute(['described'], { inputs: { data: { when: new Date(0), counts: new Map([['a', new LinearModel(1)]]) } } }));
    expect(inside.message).toMatch(/input 'data' of 'described' .* holds a LinearModel at counts<entry 0>\[1\], which would not arrive/);
  });

  test('a class instance returned by a thread node is refused, not handed back without its methods', async () => {
    const error = await failure(dr.execute(['fittedOnThread'], { inputs: { x: 2 } }));
    expect(error.node.name).toBe('fittedOnThread');
    expect(error.message).toMatch(/failed: TypeError: it returned a LinearModel, which would not arrive as itself in the calling thread \(a class instance loses its methods/);
  });

  test('plain objects, arrays, typed arrays, Dates, Maps and Sets still cross', async () => {
    const data = { when: new Date(Date.UTC(2024, 0, 1)), counts: new Map([['a', 2], ['b', 3]]), tags: new Set(['x', 'y']), column: Float64Array.from([1, 7]), rows: [[1], [4]] };
    expect(await dr.execute(['described'], { inputs: { data } })).toEqual({ described: '2024 5 x+y 7 4' });
  });
});
