import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Builder, ConsoleLogger, dataflow, HamiltonError } from 'hamilton-ts';

@dataflow()
class Flow {
  doubled(x: number): number {
    return x * 2;
  }

  values(doubled: number): number[] {
    return [doubled, doubled];
  }

  broken(doubled: number): number {
    throw new Error(`cannot use ${doubled}`);
  }
}

const run = async (options: ConstructorParameters<typeof ConsoleLogger>[0], outputs: string[]) => {
  const lines: string[] = [];
  const dr = new Builder().withModules(Flow).withAdapters(new ConsoleLogger({ ...options, print: (line) => lines.push(line) })).build();
  await dr.rawExecute(outputs, { inputs: { x: 2 } }).catch(() => undefined);
  return lines.map((line) => line.replace(/\d+(\.\d+)? ms/g, 'T ms').replace(/run [0-9a-f]{8}/, 'run ID'));
};

describe("ConsoleLogger (Hamilton's PrintLn)", () => {
  test('verbosity 1: run and node start and end lines, with durations and where each node ran', async () => {
    expect(await run({}, ['values'])).toEqual([
      'run ID started: values (2 nodes)',
      "node 'doubled' started",
      "node 'doubled' done in T ms [local, calling thread]",
      "node 'values' started",
      "node 'values' done in T ms [local, calling thread]",
      'run ID done in T ms',
    ]);
  });

  test("verbosity 2: the inputs' summaries and the result too; a failure's line says why", async () => {
    const lines = await run({ verbosity: 2 }, ['values', 'broken']);
    expect(lines).toContain("node 'values' started with doubled: number");
    expect(lines).toContain("node 'values' done in T ms [local, calling thread]: an array of 2 values");
    expect(lines).toContain("node 'broken' failed in T ms [local, calling thread]: node 'broken' (Flow.broken at test/lifecycle/console-logger.test.ts:16) failed: Error: cannot use 4");
    expect(lines.at(-1)).toMatch(/^run ID failed: .*cannot use 4 in T ms$/);
  });

  test('with the cache, a hit says cached', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-logger-cache-'));
    try {
      const lines: string[] = [];
      const cached = () => new Builder().withModules(Flow).withCache({ path: cacheDir }).withAdapters(new ConsoleLogger({ print: (line) => lines.push(line) })).build();
      await cached().rawExecute(['values'], { inputs: { x: 2 } });
      expect(lines.filter((l) => l.includes('cached'))).toEqual([]);
      lines.length = 0;
      await cached().rawExecute(['values'], { inputs: { x: 2 } });
      expect(lines.filter((l) => l.startsWith('node')).map((l) => l.replace(/\d+(\.\d+)? ms/g, 'T ms'))).toEqual([
        "node 'doubled' started",
        "node 'doubled' cached (stored result reused) in T ms [local, calling thread]",
        "node 'values' started",
        "node 'values' cached (stored result reused) in T ms [local, calling thread]",
      ]);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a node filter (name, names, pattern, predicate) keeps the run lines and only the chosen nodes', async () => {
    const nodeLines = (lines: string[]) => lines.filter((line) => line.startsWith('node'));
    expect(nodeLines(await run({ nodes: 'values' }, ['values']))).toEqual(["node 'values' started", "node 'values' done in T ms [local, calling thread]"]);
    expect(nodeLines(await run({ nodes: ['doubled'] }, ['values']))).toHaveLength(2);
    expect(nodeLines(await run({ nodes: /^val/ }, ['values']))).toHaveLength(2);
    expect(nodeLines(await run({ nodes: (node) => node.name.length > 100 }, ['values']))).toHaveLength(0);
    expect((await run({ nodes: 'none' }, ['values']))).toHaveLength(2);
  });

  test('bad options are HamiltonErrors naming them', () => {
    expect(() => new ConsoleLogger({ verbosity: 3 as 1 })).toThrow(HamiltonError);
    expect(() => new ConsoleLogger({ verbosity: 3 as 1 })).toThrow('ConsoleLogger: verbosity must be 1 or 2');
    expect(() => new ConsoleLogger({ nodes: 5 as unknown as string })).toThrow('ConsoleLogger: nodes must be a node name');
  });
});
