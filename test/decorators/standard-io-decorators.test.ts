/**
 * The I/O and cache decorators in TypeScript's standard (TC39) mode, called as
 * the compiler's __esDecorate calls them, (method, context), before the class
 * exists: the driver gets the same nodes and tags as in legacy mode. A class
 * compiled without experimentalDecorators also type-checks with each of them.
 */
import * as path from 'path';
import * as ts from 'typescript';
import {
  Builder, cache, dataflow, dataloader, datasaver, LOADER_TAG, loadFrom, RecordResult, registerLoader, registerSaver, SAVER_TAG, saveTo,
} from '../../index';

const context = (name: string) => ({
  kind: 'method', name, static: false, private: false, addInitializer: () => {}, metadata: undefined, access: {},
}) as unknown as ClassMethodDecoratorContext;
const classContext = { kind: 'class', name: 'M', addInitializer: () => {}, metadata: undefined } as unknown as ClassDecoratorContext;

const saved: unknown[] = [];
registerLoader({ name: 'stdEcho', appliesTo: ['any'], required: [], defaults: { value: undefined }, load: (o: Record<string, unknown>) => [o.value, { rows: 1 }] }, { override: true });
registerSaver({ name: 'stdSink', appliesTo: ['any'], required: [], defaults: {}, save: (v: unknown) => { saved.push(v); return { rows: 1 }; } }, { override: true });

/** A class as standard decorators see it: the decorators run on the bare functions, then the class is made. */
function standardClass(methods: Record<string, Function>, decorate: (name: string, method: Function) => void): Function {
  for (const [name, method] of Object.entries(methods)) decorate(name, method);
  class M {}
  Object.assign(M.prototype, methods);
  return dataflow()(M, classContext) as Function;
}

test('@loadFrom.*, @saveTo.*, @dataloader(), @datasaver() and @cache() in standard mode give the legacy mode\'s nodes and tags', async () => {
  const methods = {
    doubled(data: number): number {
      return data * 2;
    },
    raw(): [number, Record<string, unknown>] {
      return [3, { rows: 1 }];
    },
    store(raw: number): Record<string, unknown> {
      return { stored: raw };
    },
    total(doubled: number, raw: number): number {
      return doubled + raw;
    },
  };
  const M = standardClass(methods, (name, method) => {
    if (name === 'doubled') loadFrom.stdEcho({ value: 20 })(method, context(name));
    if (name === 'raw') dataloader()(method, context(name));
    if (name === 'store') datasaver()(method, context(name));
    if (name === 'total') {
      saveTo.stdSink({ outputName: 'totalSaved' })(method, context(name));
      cache({ behavior: 'recompute' })(method, context(name));
    }
  });
  const dr = new Builder().withModules(M).withResultBuilder(new RecordResult()).build();
  const out = await dr.execute(['total', 'totalSaved', 'store']);
  expect(out.total).toBe(43);
  expect(out.store).toEqual({ stored: 3 });
  expect(saved).toEqual([43]);
  const vars = dr.listAvailableVariables();
  expect(vars.find((v) => v.name === 'total')!.tags).toEqual(expect.objectContaining({ 'cache.behavior': 'recompute' }));
  expect(dr.listAvailableVariables({ tags: { [LOADER_TAG]: 'true' } }).map((v) => v.name).sort())
    .toEqual(['doubled.load_data.data', 'doubled.load_metadata.data', 'doubled.select_data.data', 'raw', 'raw.loader']);
  expect(dr.listAvailableVariables({ tags: { [SAVER_TAG]: 'true' } }).map((v) => v.name).sort()).toEqual(['store', 'totalSaved']);
});

test('each type-checks on a method compiled without experimentalDecorators', () => {
  const file = path.join(__dirname, '__standard-io.ts');
  const text = `import { cache, dataflow, dataloader, datasaver, loadFrom, saveTo } from '../../index';
@dataflow()
export class M {
  @loadFrom.json({ path: 'in.json' })
  doubled(data: number): number { return data * 2; }
  @dataloader()
  raw(): [number, Record<string, unknown>] { return [1, {}]; }
  @datasaver()
  store(raw: number): Record<string, unknown> { return { raw }; }
  @saveTo.json({ path: 'out.json', outputName: 'saved' })
  @cache({ behavior: 'recompute' })
  total(doubled: number): number { return doubled; }
}
`;
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? text : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const program = ts.createProgram([file], options, host);
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => `${d.file?.getLineAndCharacterOfPosition(d.start!).line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(errors).toEqual([]);
});
