import type * as TS from 'typescript';
import { METADATA_VERSION } from '../runtime/contract/node-metadata';
import { createMetadataEmitter } from './metadata-emitter';
import { assertSupportedTypeScript } from './typescript-version';

/**
 * ts-jest's `astTransformers` entry: `{ before: ['hamilton-ts/jest'] }`, so that
 * dataflows under test are compiled exactly as `tspc` compiles them.
 */
export const name = 'hamilton-ts';
// ts-jest keys its cache on this: a new transformer must not reuse old output.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const version = `${require('../../package.json').version}-m${METADATA_VERSION}`;

interface TsJestCompiler {
  program?: TS.Program;
  _languageService?: TS.LanguageService;
  configSet: { compilerModule: typeof TS };
}

export function factory(tsCompiler: TsJestCompiler): TS.TransformerFactory<TS.SourceFile> {
  const ts = tsCompiler.configSet.compilerModule;
  assertSupportedTypeScript(ts, 'hamilton-ts/jest');
  return (context) => {
    // ts-jest sets `program` once; the language service's current program is
    // the one that has resolved the imports of the file being compiled.
    const program = tsCompiler._languageService?.getProgram() ?? tsCompiler.program;
    if (!program) {
      throw new Error(
        'hamilton-ts/jest needs the type checker, but ts-jest runs without a program '
        + '(isolatedModules / transpilation mode). Turn that mode off for files that define dataflows.',
      );
    }
    return createMetadataEmitter(ts, program)(context);
  };
}
