import { Builder, checkOutput, config, dataflow, OWN_TASK_TAG, RecordResult, tag, timeoutTag, type Collect, type Parallelizable } from 'hamilton-ts';
import { planExecution, type ExecutionPlan } from '../../runtime/execution/execution-plan';
import type { NodeRunner } from '../../runtime/execution/node-runner';
import { InProcessRunner } from '../../runtime/execution/node-runner';
import { schedule } from '../../runtime/execution/scheduler';
import { chainsOf, groupTasks, splitIntoNodes, type TaskGrouping } from '../../runtime/execution/task-grouping';

@dataflow()
class Straight {
  a(x: number): number {
    return x + 1;
  }

  b(a: number, y: number): number {
    return a * y;
  }

  c(b: number): number {
    return b - 1;
  }

  /** Reads a, but only when requested: outside the plan it does not count. */
  aside(a: number): number {
    return a;
  }
}

@dataflow()
class Diamond {
  top(x: number): number {
    return x;
  }

  left(top: number): number {
    return top + 1;
  }

  right(top: number): number {
    return top + 2;
  }

  bottom(left: number, right: number): number {
    return left * right;
  }

  after(bottom: number): number {
    return bottom + 1;
  }
}

@dataflow()
class Tagged {
  p(x: number): number {
    return x + 1;
  }

  q(p: number): number {
    return p + 1;
  }

  @tag(OWN_TASK_TAG)
  r(q: number): number {
    return q + 1;
  }

  s(r: number): number {
    return r + 1;
  }

  @tag(timeoutTag(5_000))
  t(s: number): number {
    return s + 1;
  }

  u(t: number): number {
    return t + 1;
  }

  @checkOutput({ range: [0, 1_000] })
  v(u: number): number {
    return u + 1;
  }

  w(v: number): number {
    return v + 1;
  }
}

@dataflow()
class Blocks {
  count(n: number): number {
    return n;
  }

  items(count: number): Parallelizable<number> {
    return Array.from({ length: count }, (_, i) => i);
  }

  first(items: number): number {
    return items + 1;
  }

  second(first: number): number {
    return first * 2;
  }

  third(second: number, items: number): string {
    return `${items}:${second}`;
  }

  gathered(third: Collect<string>): string[] {
    return [...third];
  }

  joined(gathered: string[]): string {
    return gathered.join(',');
  }

  shout(joined: string): string {
    return joined.toUpperCase();
  }
}

@dataflow()
class Variants {
  base(x: number): number {
    return x + 1;
  }

  other(x: number): number {
    return x + 2;
  }

  @config.when({ mode: 'alone' }, { name: 'scaled' })
  scaledAlone(base: number): number {
    return base * 10;
  }

  @config.when({ mode: 'mixed' }, { name: 'scaled' })
  scaledMixed(base: number, other: number): number {
    return base * other;
  }

  result(scaled: number): number {
    return scaled + 1;
  }
}

function planOf(module: object, outputs: string[], provided: string[], cfg: Record<string, unknown> = {}): ExecutionPlan {
  const dr = new Builder().withModules(module as never).withConfig(cfg).build();
  const given = new Set([...provided, ...Object.keys(cfg)].map((name) => dr.graph.slotOf.get(name)));
  return planExecution(dr.graph, outputs, (slot) => given.has(slot));
}

/** Each task as its node names; a multi-node task that sends back less than all says what after ' -> '. */
function tasksOf(plan: ExecutionPlan): string[] {
  const { nameAt } = plan.graph;
  return plan.units.map((unit) => {
    const names = Array.from(unit.slots, (slot) => nameAt[slot]).join(' ');
    const needed = unit.needed ? ` -> ${Array.from(unit.needed, (slot) => nameAt[slot]).join(' ')}` : '';
    return `${unit.fanOut ? 'block ' : ''}${names}${needed}`;
  });
}

const grouped = (module: object, outputs: string[], provided: string[], cfg?: Record<string, unknown>) => tasksOf(groupTasks(planOf(module, outputs, provided, cfg), 'chains'));

describe('chains: which nodes form one task', () => {
  test('a straight chain is one task that sends back only its last value; inputs do not break it', () => {
    expect(grouped(Straight, ['c'], ['x', 'y'])).toEqual(['a b c -> c']);
  });

  test('a requested output ends a chain (its value leaves the task anyway)', () => {
    expect(grouped(Straight, ['b', 'c'], ['x', 'y'])).toEqual(['a b -> b', 'c']);
  });

  test('a second reader of a value breaks the chain, but only when it is in the plan', () => {
    expect(grouped(Straight, ['c', 'aside'], ['x', 'y'])).toEqual(['a', 'b c -> c', 'aside']);
    expect(grouped(Straight, ['c'], ['x', 'y'])).toEqual(['a b c -> c']);
  });

  test('a provided value cuts the plan, and so the chain', () => {
    expect(grouped(Straight, ['c'], ['b'])).toEqual(['c']);
  });

  test('a diamond: nothing merges where a value has two readers or a node two computed dependencies; its tail does', () => {
    expect(grouped(Diamond, ['after'], ['x'])).toEqual(['top', 'left', 'right', 'bottom after -> after']);
  });

  test("a node tagged { 'hamilton.task': 'own' }, one with a time limit and data-quality checks run on their own", () => {
    const tasks = grouped(Tagged, ['w'], ['x']);
    // v.raw ends a chain (the check and v both read it); the check node and the gate v (two computed dependencies) stand alone.
    expect(tasks).toEqual(['p q -> q', 'r', 's', 't', 'u v.raw -> v.raw', 'v.check', 'v w -> w']);
  });

  test('a fan-out: the nodes before the Parallelizable chain, each item is one task of its block, the collector chains with what follows', () => {
    const plan = groupTasks(planOf(Blocks, ['shout'], ['n']), 'chains');
    expect(tasksOf(plan)).toEqual(['block first second third', 'count', 'items', 'gathered joined shout -> shout']);
    expect(chainsOf(planOf(Blocks, ['shout'], ['n'])).length).toBe(1);
  });

  test('config variants: the grouping follows the nodes the config chose', () => {
    expect(grouped(Variants, ['result'], ['x'], { mode: 'alone' })).toEqual(['base scaled result -> result']);
    expect(grouped(Variants, ['result'], ['x'], { mode: 'mixed' })).toEqual(['base', 'other', 'scaled result -> result']);
  });

  test("'blocks' and 'nodes' keep the plan's own units (Hamilton's GroupByRepeatableBlocks)", () => {
    const plan = planOf(Straight, ['c'], ['x', 'y']);
    expect(groupTasks(plan, 'blocks')).toBe(plan);
    expect(groupTasks(plan, 'nodes')).toBe(plan);
    expect(tasksOf(plan)).toEqual(['a', 'b', 'c']);
  });

  test('the grouped plan is worked out once per plan', () => {
    const plan = planOf(Straight, ['c'], ['x', 'y']);
    expect(groupTasks(plan, 'chains')).toBe(groupTasks(plan, 'chains'));
  });
});

/** A runner that records each call's node names and what it was asked to send back, and computes in-process. */
class Recording implements NodeRunner {
  readonly calls: string[] = [];
  private readonly inner = new InProcessRunner();

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>) {
    const { nameAt } = plan.graph;
    this.calls.push(`${Array.from(slots, (s) => nameAt[s]).join(' ')} -> ${Array.from(needed, (s) => nameAt[s]).join(' ')}`);
    return this.inner.runSteps(plan, slots, values);
  }
}

async function scheduleWith(grouping: TaskGrouping, module: object, outputs: string[], inputs: Record<string, unknown>) {
  const plan = planOf(module, outputs, Object.keys(inputs));
  const values = new Array<unknown>(plan.graph.nameAt.length);
  for (const [name, value] of Object.entries(inputs)) values[plan.graph.slotOf.get(name)!] = value;
  const runner = new Recording();
  await schedule(groupTasks(plan, grouping), values, runner, grouping === 'nodes' ? { wrapSteps: splitIntoNodes(undefined) } : {});
  return { calls: runner.calls, value: (name: string) => values[plan.graph.slotOf.get(name)!] };
}

describe('the scheduler runs the tasks', () => {
  test.each(['chains', 'blocks', 'nodes'] as const)("'%s' gives the local executor's results", async (grouping) => {
    const local = await new Builder().withModules(Blocks, Diamond).withResultBuilder(new RecordResult()).build().execute(['shout', 'after'], { inputs: { n: 4, x: 3 } });
    const { value } = await scheduleWith(grouping, Blocks, ['shout'], { n: 4 });
    expect(value('shout')).toBe(local.shout);
    expect((await scheduleWith(grouping, Diamond, ['after'], { x: 3 })).value('after')).toBe(local.after);
  });

  test("'chains': one call per chain and per item; inner values are never asked back", async () => {
    const { calls } = await scheduleWith('chains', Blocks, ['shout'], { n: 2 });
    expect(calls).toEqual(['count -> count', 'items -> items', 'first second third -> third', 'first second third -> third', 'gathered joined shout -> shout']);
  });

  test("'nodes': every node its own call, each node of each item too, each value asked back", async () => {
    const { calls } = await scheduleWith('nodes', Blocks, ['shout'], { n: 2 });
    expect(calls).toEqual([
      'count -> count', 'items -> items',
      'first -> first', 'second -> second', 'third -> third', 'first -> first', 'second -> second', 'third -> third',
      'gathered -> gathered', 'joined -> joined', 'shout -> shout',
    ]);
  });
});
