import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { typedDriverDeclarations } from '../../transformer/typed-declarations';

const repo = path.resolve(__dirname, '../..');

const FEATURES = `import { dataflow, parameterize, value, extractColumns, checkOutput, type Column, type Table } from 'hamilton-ts';

@dataflow()
export class Spend {
  avg3wkSpend(spend: Column<number>): Column<number> { return spend; }
  @parameterize({ revenueEu: { region: value('EU') }, revenueUs: { region: value('US') } })
  revenue(region: string, sales: number): number { return sales; }
  @extractColumns('signups', 'visits')
  raw(path: string): Table { return null!; }
  @checkOutput({ range: [0, 1] })
  share(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> { return signups; }
}
`;

const USAGE = `import { Builder, RecordResult, type Column } from 'hamilton-ts';
import { Spend } from './features';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

export async function main(): Promise<void> {
  const dr = new Builder().withModules(Spend).withResultBuilder(new RecordResult()).build();
  const out = await dr.rawExecute(['revenueEu', 'signups', 'share.check', 'share.raw', 'spend', 'sales', 'path']);
  type _out = Expect<Equal<typeof out, {
    revenueEu: number; signups: unknown; 'share.check': unknown; 'share.raw': Column<number>;
    spend: Column<number>; sales: number; path: string;
  }>>;
  // @ts-expect-error the bound parameter is no input
  await dr.rawExecute(['region']);
  // @ts-expect-error a typo
  await dr.rawExecute(['revenueEU']);
  // @ts-expect-error an input of the wrong type
  await dr.execute(['avg3wkSpend'], { inputs: { spend: 'lots' } });
}
`;

function program(dir: string, files: string[]): ts.Program {
  return ts.createProgram(files.map((f) => path.join(dir, f)), {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, experimentalDecorators: true, skipLibCheck: true, noEmit: true, types: [], baseUrl: dir,
    paths: { 'hamilton-ts': [path.join(repo, 'dist/index.d.ts')], '*': [path.join(repo, 'node_modules/*')] },
  });
}

describe('generated declarations for the typed driver', () => {
  test('give a class its inputs and decorator-made nodes: a driver of it then knows every name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-declarations-'));
    try {
      fs.writeFileSync(path.join(dir, 'features.ts'), FEATURES);
      fs.writeFileSync(path.join(dir, 'usage.ts'), USAGE);
      const outFile = path.join(dir, 'hamilton-types.d.ts');
      const source = program(dir, ['features.ts']);
      const text = typedDriverDeclarations(ts, source, [source.getSourceFile(path.join(dir, 'features.ts'))!], outFile);
      expect(text).toContain('declare module "./features" {');
      expect(text).toContain("inputs: { spend: Parameters<Spend[\"avg3wkSpend\"]>[0]; sales: Parameters<Spend[\"revenue\"]>[1]; path: Parameters<Spend[\"raw\"]>[0] }");
      fs.writeFileSync(outFile, text);
      const checked = program(dir, ['usage.ts', 'hamilton-types.d.ts']);
      const errors = ts.getPreEmitDiagnostics(checked).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      expect(errors).toEqual([]);
      // Without the declarations, the expected errors are not there.
      const bare = program(dir, ['usage.ts']);
      expect(ts.getPreEmitDiagnostics(bare).map((d) => d.code)).toContain(2578);
      // Generating again, with the earlier output in the program, gives the same text.
      const again = program(dir, ['features.ts', 'hamilton-types.d.ts']);
      expect(typedDriverDeclarations(ts, again, [again.getSourceFile(path.join(dir, 'features.ts'))!], outFile)).toBe(text);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
