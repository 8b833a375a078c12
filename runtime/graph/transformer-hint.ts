import * as fs from 'fs';
import * as path from 'path';

const SETUP = 'add { "transform": "hamilton-ts/transformer" } to compilerOptions.plugins in tsconfig.json and build '
  + "with `tspc` (ts-patch), or in jest name 'hamilton-ts/jest' in ts-jest's astTransformers.before.";

/**
 * How to compile with the transformer, fitted to what the runtime can see: a TypeScript 7
 * (on which `tspc` cannot run), and parameter names a bundler or minifier has renamed.
 */
export function transformerSetupHint(parameterNames: readonly string[], typescriptVersion = installedTypeScriptVersion()): string {
  const major = Number(/^(\d+)\./.exec(typescriptVersion ?? '')?.[1]);
  let hint = major >= 7
    ? `The installed typescript is ${typescriptVersion}, the native compiler, which runs no transformers (tspc fails on it): `
      + `install TypeScript 5 for the build (npm i -D typescript@5.9.3 ts-patch@3.3.0), then ${SETUP}`
    : `Compile with the hamilton-ts transformer: ${SETUP}`;
  const renamed = [...new Set(parameterNames.filter(looksRenamed))];
  if (renamed.length > 0) {
    hint += ` Parameter names ${renamed.slice(0, 5).join(', ')} look renamed by a bundler or minifier, and nodes are `
      + 'wired by name: bundle the output of `tspc` (its metadata keeps the names as written), not the sources.';
  }
  return hint;
}

/** One letter (`t`, `r`: minifiers), or a name with a number appended (`window2`: bundlers avoiding a clash). */
export function looksRenamed(name: string): boolean {
  return /^[A-Za-z_$]$/.test(name) || /^[A-Za-z_$][A-Za-z_$]{2,}\d+$/.test(name);
}

/** The version of the `typescript` the current project installed, if any. */
function installedTypeScriptVersion(): string | undefined {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/typescript/package.json'), 'utf8')).version;
    } catch {
      // not here: look in the parent
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
