/**
 * `hamilton-ts generate` writes the typed driver's declarations beside the
 * module (README "Typed driver"): a project compiled with plain tsc then gets
 * names from decorators and a compile error on a name no module has.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { generateCli, localProject } from './local-project';

const FEATURES = `import { dataflow, extractColumns, type Column, type Table } from 'hamilton-ts';
import * as aq from 'arquero';

@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number {
    return spend[0];
  }

  @extractColumns('doubled', 'halved')
  both(spend: Column<number>): Table {
    return aq.table({ doubled: spend, halved: spend });
  }
}
`;

const MAIN = (name: string) => `import './hamilton.generated.js';
import { Builder } from 'hamilton-ts';
import { Spend } from './features.js';

export async function main(): Promise<number> {
  const dr = new Builder().withModules(Spend).build();
  const out = await dr.rawExecute(['doubled', 'spendMean'], { inputs: { spend: [1, 2] } });
  const mean: number = out.spendMean;
  // generate reports a typo here as TS91012 too; off, so the type check alone is tested.
  // hamilton-ts-ignore 91012
  await dr.execute([${JSON.stringify(name)}], { inputs: { spend: [1, 2] } });
  return mean;
}
`;

/** Plain tsc's type errors, as `file:line TScode`. */
function typeErrors(dir: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  return ts.getPreEmitDiagnostics(program).map((d) => `${path.relative(dir, d.file!.fileName)}:${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1} TS${d.code}`);
}

describe('hamilton-ts generate writes the typed driver\'s declarations', () => {
  let dir: string;
  beforeAll(() => {
    dir = localProject({ 'src/features.ts': FEATURES, 'src/main.ts': MAIN('spendMeen'), 'src/hamilton.generated.ts': 'export {};\n' });
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('without them a typo passes (the inputs are undeclared, so any name may be one); with them it is a compile error', () => {
    expect(typeErrors(dir)).toEqual([]);
    const generated = generateCli(dir);
    expect(generated).toEqual({
      status: 0, stderr: '',
      stdout: 'hamilton-ts generate: wrote src/hamilton.generated.ts and src/hamilton.generated.types.d.ts (1 dataflow class)\n',
    });
    const declarations = fs.readFileSync(path.join(dir, 'src/hamilton.generated.types.d.ts'), 'utf8');
    // nodenext: the module is named as it is imported.
    expect(declarations).toContain('declare module "./features.js" {');
    expect(declarations).toContain('inputs: { spend: Parameters<Spend["spendMean"]>[0] }');
    expect(typeErrors(dir)).toEqual(['src/main.ts:11 TS2820']);
    // The names the decorator makes are known; a correct name compiles.
    fs.writeFileSync(path.join(dir, 'src/main.ts'), MAIN('halved'));
    expect(typeErrors(dir)).toEqual([]);
  });

  test('--check fails when the declarations are stale, naming that file', () => {
    const file = path.join(dir, 'src/hamilton.generated.types.d.ts');
    const text = fs.readFileSync(file, 'utf8');
    expect(generateCli(dir, ['--check']).status).toBe(0);
    fs.writeFileSync(file, 'export {};\n');
    expect(generateCli(dir, ['--check'])).toEqual({
      status: 1, stdout: '',
      stderr: 'hamilton-ts generate: src/hamilton.generated.ts and src/hamilton.generated.types.d.ts (1 dataflow class): '
        + 'src/hamilton.generated.types.d.ts is out of date: run `npx hamilton-ts generate` and commit them\n',
    });
    fs.writeFileSync(file, text);
  });
});
