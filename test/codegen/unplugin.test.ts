/**
 * What the bundler plugin appends to a file: the registration of each of its
 * dataflow classes (exported or not), analysed from the text the bundler
 * hands over, not the file on disk. test/pack/toolchains.test.ts runs the
 * plugin itself in a vitest project.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ProjectAnalyser } from '../../runtime/codegen/unplugin/project-analyser';
import { registrationCode } from '../../runtime/codegen/unplugin/registration-code';
import { fixtureSources } from './fixture-files';
import { localProject } from './local-project';

describe('the plugin\'s registration code', () => {
  let dir: string;
  let analyser: ProjectAnalyser;
  let features: string;
  let text: string;

  beforeAll(() => {
    dir = localProject({
      ...fixtureSources(),
      'src/hidden.ts': "import { dataflow } from 'hamilton-ts';\n\n@dataflow()\nclass Hidden {\n  /** One. */\n  one(): number {\n    return 1;\n  }\n}\nexport const make = () => new Hidden();\n",
    });
    analyser = new ProjectAnalyser('tsconfig.json', dir);
    features = path.join(dir, 'src/features.ts');
    text = fs.readFileSync(features, 'utf8');
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('registers each class of the file by its local name, with the transformer\'s metadata and where the file runs from', () => {
    const code = registrationCode(analyser, features, text)!;
    expect(code).toContain("import { registerGeneratedMetadata as __hamiltonRegisterGeneratedMetadata } from 'hamilton-ts';");
    expect(code).toContain('__hamiltonRegisterGeneratedMetadata(Spend, {');
    expect(code).toContain('"doc": "The mean of the whole spend column.", "source": { "file": "src/features.ts", "line": 21 }');
    expect(code).toContain('otherMethods: ["helper"]');
    expect(code).toContain("}, { from: import.meta.url, source: './features.ts', compiled: './features.js' });");
    // A default read from the file's own constant stays out; a literal default's echo stays in.
    expect(code).toMatch(/"avg3wkSpend": \{[^\n]*"withDefaults": function \(spend, window = 3\)/);
    expect(code).not.toMatch(/"scaledSpend": \{[^\n]*withDefaults/);
  });

  test('a class that is not exported is registered too', () => {
    const hidden = path.join(dir, 'src/hidden.ts');
    expect(registrationCode(analyser, hidden, fs.readFileSync(hidden, 'utf8'))).toContain('__hamiltonRegisterGeneratedMetadata(Hidden, {');
  });

  test('the text the bundler hands over wins over the file on disk; a file without dataflow classes gets nothing', () => {
    const edited = text.replace('  private helper(', '  /** Added in the editor. */\n  spendMax(spend: Column<number>): number {\n    return Math.max(...spend);\n  }\n\n  private helper(');
    expect(registrationCode(analyser, features, edited)).toContain('"spendMax": { "version": 2, "params": [{ "name": "spend"');
    expect(registrationCode(analyser, features, text)).not.toContain('spendMax');
    expect(registrationCode(analyser, path.join(dir, 'src/main.ts'), fs.readFileSync(path.join(dir, 'src/main.ts'), 'utf8'))).toBeUndefined();
  });
});
