import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const FIXTURE = path.join(__dirname, 'typed', 'fixture.ts');
const CONFIG = path.join(__dirname, '..', 'tsconfig.json');

/** Type-checks one file with the tests' compiler options (hamilton-ts mapped to the sources), returning errors by line. */
let previous: ts.Program | undefined;
function typeErrors(file: string, text: string): { line: number; code: number; message: string }[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? text : readFile(name));
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true }, host, previous);
  previous = program;
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === file)
    .map((d) => ({
      line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
}

describe('the typed driver (type level)', () => {
  const source = fs.readFileSync(FIXTURE, 'utf8');

  test('compiles: every expected error is there, every type assertion holds', () => {
    expect(typeErrors(FIXTURE, source)).toEqual([]);
  }, 60_000);

  test('each @ts-expect-error line is an error of its own once the directive is removed', () => {
    const lines = source.split('\n');
    const expected = lines.flatMap((line, i) => (/^\s*\/\/ @ts-expect-error/.test(line) ? [i + 2] : []));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    const stripped = lines.map((line) => line.replace(/^(\s*)\/\/ @ts-expect-error.*$/, '$1// (expected error)')).join('\n');
    const errors = typeErrors(FIXTURE, stripped);
    expect([...new Set(errors.map((e) => e.line))]).toEqual(expected);
    // A typo is reported as a name the graph lacks, with the names it has.
    const typo = errors.find((e) => e.line === expected[0])!;
    expect(typo.message).toContain("'\"acquisitonCost\"' is not assignable");
    expect(typo.message).toContain('"acquisitionCost"');
  }, 60_000);
});
