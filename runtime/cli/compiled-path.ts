import * as fs from 'fs';
import * as path from 'path';

/** TypeScript source extensions, and what tsc names their output. */
const OUTPUT_EXTENSION: Readonly<Record<string, string>> = { '.ts': '.js', '.tsx': '.js', '.mts': '.mjs', '.cts': '.cjs' };

export const isTypeScriptSource = (file: string): boolean => Object.hasOwn(OUTPUT_EXTENSION, path.extname(file).toLowerCase());

/** The nearest tsconfig.json at or above `dir`, and its outDir and rootDir (a tsconfig with comments is skipped). */
function nearestOutDir(dir: string): { outDir: string; rootDir: string } | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const config = path.join(at, 'tsconfig.json');
    if (fs.existsSync(config)) {
      try {
        const { compilerOptions = {} } = JSON.parse(fs.readFileSync(config, 'utf8')) as { compilerOptions?: { outDir?: string; rootDir?: string } };
        if (compilerOptions.outDir) return { outDir: path.resolve(at, compilerOptions.outDir), rootDir: path.resolve(at, compilerOptions.rootDir ?? '.') };
      } catch {
        // Not plain JSON: the guess falls back to the .js beside the source.
      }
      return undefined;
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * Where tsc would write a TypeScript source's .js: under the nearest
 * tsconfig.json's outDir, else beside it. Relative to the working directory
 * when `file` is, and whether it is there.
 */
export function compiledPath(file: string): { path: string; exists: boolean } {
  const source = path.resolve(file);
  const js = (p: string) => p.slice(0, -path.extname(p).length) + OUTPUT_EXTENSION[path.extname(p).toLowerCase()];
  const project = nearestOutDir(path.dirname(source));
  const inOutDir = project && !path.relative(project.rootDir, source).startsWith('..') ? path.join(project.outDir, path.relative(project.rootDir, js(source))) : undefined;
  const guess = inOutDir ?? js(source);
  const shown = path.isAbsolute(file) ? guess : path.relative(process.cwd(), guess);
  return { path: shown, exists: fs.existsSync(guess) };
}
