import type * as TS from 'typescript';
import { createMetadataEmitter } from './metadata-emitter';
import { missingDecoratorsOption } from './decorators-option';
import { assertSupportedTypeScript } from './typescript-version';
import { wiringDiagnostics } from './wiring-diagnostics';

export { wiringDiagnostics, DIAGNOSTIC_CODES, type WiringDiagnosticsOptions } from './wiring-diagnostics';
export { typedDriverDeclarations } from './typed-declarations';

/** What ts-patch hands a plugin as its third argument. */
interface TransformerExtras {
  ts: typeof TS;
  addDiagnostic?: (diagnostic: TS.Diagnostic) => number;
}

/** Options a user may set on the plugin's entry in `compilerOptions.plugins`. */
export interface HamiltonTransformerConfig {
  /** Report wiring mistakes and decorator arguments that cannot work as compile errors (default true). */
  checkWiring?: boolean;
  /** Diagnostic codes never to report, e.g. `[91011]` (see README "Compile-time checks"). */
  ignore?: number[];
}

/**
 * The ts-patch plugin: name it in `tsconfig.json`
 * (`"plugins": [{ "transform": "hamilton-ts/transformer" }]`) and compile with `tspc`.
 */
export default function hamiltonTransformer(
  program: TS.Program,
  config: HamiltonTransformerConfig = {},
  extras?: TransformerExtras,
): TS.TransformerFactory<TS.SourceFile> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof TS = extras?.ts ?? require('typescript');
  assertSupportedTypeScript(ts, 'hamilton-ts/transformer');
  const emitter = createMetadataEmitter(ts, program);
  const report = extras?.addDiagnostic;
  if (!report) return emitter;
  // Without experimentalDecorators every decorator is an error that does not name the option: say it once.
  let decoratorsOptionReported = false;
  return (context) => {
    const transform = emitter(context);
    return (sourceFile) => {
      if (!decoratorsOptionReported) {
        const diagnostic = missingDecoratorsOption(ts, program, sourceFile);
        if (diagnostic) {
          decoratorsOptionReported = true;
          report(diagnostic);
        }
      }
      for (const diagnostic of wiringDiagnostics(ts, program, [sourceFile], config)) report(diagnostic);
      return transform(sourceFile);
    };
  };
}
