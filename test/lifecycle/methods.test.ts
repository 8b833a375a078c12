import {
  Builder, dataflow, InputTypeError, InvalidAdapterError, LifecycleAdapterError, LifecycleConflictError, LifecycleValidationError,
  NodeExecutionError, RecordResult, TypeMismatchError, type LifecycleAdapter, type NodeCall,
} from 'hamilton-ts';

@dataflow()
class Flow {
  doubled(x: number): number {
    return x * 2;
  }

  label(doubled: number): string {
    return `n=${doubled}`;
  }

  fails(x: number): number {
    throw new Error(`bad ${x}`);
  }
}

@dataflow()
class Mismatch {
  text(x: number): string {
    return String(x);
  }

  length(text: number): number {
    return text + 1;
  }
}

const records = () => new RecordResult();

describe('lifecycle methods: at most one adapter each', () => {
  test('executeNode wraps each node call: it may change the value, and sees the node and its arguments', async () => {
    const calls: string[] = [];
    const dr = new Builder().withModules(Flow).withResultBuilder(records()).withAdapters({
      executeNode(call: NodeCall) {
        calls.push(`${call.node.name}(${call.args.join(',')})`);
        const value = call.run();
        return typeof value === 'number' ? value + 1000 : value;
      },
    }).build();
    expect(await dr.execute(['label'], { inputs: { x: 2 } })).toEqual({ label: 'n=1004' });
    expect(calls).toEqual(['doubled(2)', 'label(1004)']);
  });

  test("a node's own error through executeNode stays the node's; the method's own error names the adapter", async () => {
    const passThrough = new Builder().withModules(Flow).withAdapters({ executeNode: (call: NodeCall) => call.run() }).build();
    await expect(passThrough.execute(['fails'], { inputs: { x: 1 } })).rejects.toThrow(NodeExecutionError);
    class Broken implements LifecycleAdapter {
      executeNode(): unknown {
        throw new Error('wrapper bug');
      }
    }
    const broken = new Builder().withModules(Flow).withAdapters(new Broken()).build();
    await expect(broken.execute(['doubled'], { inputs: { x: 1 } })).rejects.toThrow(LifecycleAdapterError);
    await expect(broken.execute(['doubled'], { inputs: { x: 1 } })).rejects.toThrow("lifecycle adapter Broken: its executeNode hook threw on node 'doubled': Error: wrapper bug");
  });

  test('two adapters implementing one method is a build error naming both', () => {
    const build = () => new Builder().withModules(Flow).withAdapters(
      { name: 'retry', executeNode: (c: NodeCall) => c.run() },
      { name: 'cache', executeNode: (c: NodeCall) => c.run() },
    ).build();
    expect(build).toThrow(LifecycleConflictError);
    expect(build).toThrow('adapters retry and cache both implement executeNode');
  });

  test('something other than an adapter is an InvalidAdapterError naming its position', () => {
    expect(() => new Builder().withModules(Flow).withAdapters({}, null as unknown as LifecycleAdapter).build()).toThrow(InvalidAdapterError);
    expect(() => new Builder().withModules(Flow).withAdapters(42 as unknown as LifecycleAdapter).build()).toThrow('argument 1 must be a lifecycle adapter');
  });

  test('checkEdgeTypes replaces the built-in producer/consumer check', () => {
    expect(() => new Builder().withModules(Mismatch).build()).toThrow(TypeMismatchError);
    const seen: string[] = [];
    const dr = new Builder().withModules(Mismatch).withAdapters({
      checkEdgeTypes(edge) {
        seen.push(`${edge.producer.name}->${edge.consumer.name}.${edge.parameter}: ${edge.from.kind}->${edge.to.kind}`);
        return true;
      },
    }).build();
    expect(dr.graph.nodes.has('length')).toBe(true);
    expect(seen).toEqual(['text->length.text: string->number']);
    expect(() => new Builder().withModules(Flow).withAdapters({ checkEdgeTypes: () => false }).build()).toThrow(TypeMismatchError);
  });

  test('validateInput replaces the built-in input check: true accepts, false or a text refuses with an InputTypeError', async () => {
    const lenient = new Builder().withModules(Flow).withResultBuilder(records()).withAdapters({ validateInput: () => true }).build();
    expect(await lenient.execute(['label'], { inputs: { x: '7' as unknown as number } })).toEqual({ label: 'n=14' });
    const strict = new Builder().withModules(Flow).withAdapters({ name: 'positive', validateInput: ({ value }) => (typeof value === 'number' && value > 0) || 'must be positive' }).build();
    await expect(strict.execute(['label'], { inputs: { x: -1 } })).rejects.toThrow(InputTypeError);
    await expect(strict.execute(['label'], { inputs: { x: -1 } })).rejects.toThrow('must be positive');
  });
});

describe('lifecycle validators', () => {
  test('every problem of every validator is collected into one LifecycleValidationError, before the graph-constructed hooks', () => {
    const constructed: string[] = [];
    const build = () => new Builder().withModules(Flow).withAdapters(
      { name: 'docs', validateNode: (node) => (node.doc ? undefined : `${node.name} has no doc`) },
      { name: 'size', validateGraph: (graph) => (graph.nodeCount > 2 ? [`${graph.nodeCount} nodes, at most 2`, 'and another'] : undefined) },
      { afterGraphConstructed: () => { constructed.push('built'); } },
    ).build();
    expect(build).toThrow(LifecycleValidationError);
    try {
      build();
    } catch (error) {
      const problems = (error as LifecycleValidationError).problems;
      expect(problems.map((p) => `${p.adapter}/${p.node ?? '-'}: ${p.message}`)).toEqual([
        'docs/doubled: doubled has no doc', 'docs/label: label has no doc', 'docs/fails: fails has no doc',
        'size/-: 3 nodes, at most 2', 'size/-: and another',
      ]);
    }
    expect(constructed).toEqual([]);
  });

  test('a graph the validators accept builds, and afterGraphConstructed sees it with its config', () => {
    let seen: string[] = [];
    new Builder().withModules(Flow).withConfig({ region: 'EU' }).withAdapters({
      validateNode: () => undefined,
      afterGraphConstructed: ({ graph, config }) => { seen = [...graph.nodes.keys(), String(config.region)]; },
    }).build();
    expect(seen).toEqual(['doubled', 'label', 'fails', 'EU']);
  });
});
