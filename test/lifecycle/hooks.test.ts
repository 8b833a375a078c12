import {
  Builder, dataflow, LifecycleAdapterError, NodeExecutionError, RecordResult, type Collect, type Parallelizable,
} from 'hamilton-ts';
import { Recorder } from './recording-adapter';

@dataflow()
class Flow {
  doubled(x: number): number {
    return x * 2;
  }

  async later(doubled: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return doubled + 1;
  }

  total(later: number, doubled: number): number {
    return later + doubled;
  }

  broken(doubled: number): number {
    if (doubled > 0) throw new RangeError(`no ${doubled}`);
    return doubled;
  }

  afterBroken(broken: number): number {
    return broken;
  }
}

@dataflow()
class Fan {
  *items(n: number): Parallelizable<number> {
    for (let i = 0; i < n; i++) yield i;
  }

  squared(items: number): number {
    return items * items;
  }

  sum(squared: Collect<number>): number {
    return squared.reduce((a, b) => a + b, 0);
  }
}

const build = (...adapters: Recorder[]) => new Builder().withModules(Flow).withResultBuilder(new RecordResult()).withAdapters(...adapters).build();

describe('lifecycle hooks on the local executor', () => {
  test('graph constructed, run start, each node before and after (dependencies first), run end, in that order, for every adapter in turn', async () => {
    const a = new Recorder('a');
    const b = new Recorder('b');
    const dr = build(a, b);
    expect(await dr.execute(['total'], { inputs: { x: 3 } })).toEqual({ total: 13 });
    expect(a.lines).toEqual([
      'a: graph', 'a: run start',
      'a: before doubled', 'a: after doubled ok',
      'a: before later', 'a: after later ok',
      'a: before total', 'a: after total ok',
      'a: run end ok',
    ]);
    expect(b.lines).toEqual(a.lines.map((line) => line.replace(/^a:/, 'b:')));
  });

  test('the run events carry one fresh run id, the outputs, inputs, overrides and path; node events their inputs, result, duration and place', async () => {
    const rec = new Recorder();
    const dr = build(rec);
    await dr.execute(['total'], { inputs: { x: 3 } });
    await dr.execute(['total'], { overrides: { doubled: 10 } });
    const [first, second] = rec.starts;
    expect(first.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.runId).not.toBe(first.runId);
    expect(first).toMatchObject({ outputs: ['total'], inputs: { x: 3 }, nodes: ['doubled', 'later', 'total'] });
    expect(second).toMatchObject({ overrides: { doubled: 10 }, nodes: ['later', 'total'] });
    expect(rec.ends[0]).toMatchObject({ runId: first.runId, success: true, results: { total: 13 } });
    expect(rec.ends[0].durationMs).toBeGreaterThan(0);
    const total = rec.after.find((e) => e.node.name === 'total' && e.runId === first.runId)!;
    expect(total).toMatchObject({ success: true, result: 13, where: { executor: 'local', on: 'calling-thread' } });
    expect(total.inputs).toEqual({ later: { kind: 'number' }, doubled: { kind: 'number' } });
    const later = rec.after.find((e) => e.node.name === 'later')!;
    expect(later.durationMs).toBeGreaterThanOrEqual(1);
    expect(rec.after.every((e) => e.runId === first.runId || e.runId === second.runId)).toBe(true);
  });

  test('a failing node still gets its afterNode (with the error), the run its afterRun; dependents never start', async () => {
    const rec = new Recorder();
    const dr = build(rec);
    const run = dr.execute(['afterBroken'], { inputs: { x: 1 } });
    await expect(run).rejects.toThrow(NodeExecutionError);
    await expect(dr.execute(['afterBroken'], { inputs: { x: 1 } })).rejects.toThrow('no 2');
    const broken = rec.after.find((e) => e.node.name === 'broken')!;
    expect(broken.success).toBe(false);
    expect(broken.error).toBeInstanceOf(NodeExecutionError);
    expect((broken.error as Error).message).toContain('RangeError: no 2');
    expect(rec.lines).not.toContain('recorder: before afterBroken');
    expect(rec.ends[0]).toMatchObject({ success: false });
    expect(rec.ends[0].error).toBeInstanceOf(NodeExecutionError);
  });

  test('an adapter that throws fails the run with a LifecycleAdapterError naming the adapter, the hook and the node; later adapters still run', async () => {
    class Faulty {
      afterNode(event: { node: { name: string } }): void {
        if (event.node.name === 'later') throw new Error('disk full');
      }
    }
    const rec = new Recorder();
    const dr = new Builder().withModules(Flow).withAdapters(new Faulty(), rec).build();
    const run = dr.execute(['total'], { inputs: { x: 3 } });
    await expect(run).rejects.toThrow(LifecycleAdapterError);
    await expect(dr.execute(['total'], { inputs: { x: 3 } })).rejects.toThrow("lifecycle adapter Faulty: its afterNode hook threw on node 'later': Error: disk full");
    expect(rec.lines).toContain('recorder: after later ok');
    expect(rec.lines).not.toContain('recorder: before total');
    expect(rec.lines.at(-1)).toBe('recorder: run end failed');
  });

  test('a throwing beforeRun fails the run before any node, and afterRun still runs', async () => {
    const rec = new Recorder();
    const dr = new Builder().withModules(Flow).withAdapters({ name: 'gate', beforeRun: () => { throw new Error('closed'); } }, rec).build();
    await expect(dr.execute(['total'], { inputs: { x: 3 } })).rejects.toThrow('lifecycle adapter gate: its beforeRun hook threw: Error: closed');
    expect(rec.before).toHaveLength(0);
    expect(rec.lines.at(-1)).toBe('recorder: run end failed');
  });

  test('async run hooks are awaited before the run goes on', async () => {
    const order: string[] = [];
    const dr = new Builder().withModules(Flow).withAdapters({
      async beforeRun() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push('beforeRun done');
      },
      beforeNode: (e) => order.push(e.node.name),
    }).build();
    await dr.execute(['doubled'], { inputs: { x: 1 } });
    expect(order).toEqual(['beforeRun done', 'doubled']);
  });

  test('fan-out: fanOutExpanded gives the item count, each item gets its own node hooks', async () => {
    const rec = new Recorder();
    const dr = new Builder().withModules(Fan).withResultBuilder(new RecordResult()).withAdapters(rec).build();
    expect(await dr.execute(['sum'], { inputs: { n: 4 } })).toEqual({ sum: 14 });
    expect(rec.fanOuts.map((e) => [e.node.name, e.items])).toEqual([['items', 4]]);
    expect(rec.after.filter((e) => e.node.name === 'squared').map((e) => e.result)).toEqual([0, 1, 4, 9]);
  });

  test('without adapters nothing is wrapped: the same results', async () => {
    const dr = new Builder().withModules(Flow).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['total'], { inputs: { x: 3 } })).toEqual({ total: 13 });
  });
});
