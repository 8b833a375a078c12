import * as fs from 'fs';
import * as path from 'path';
import { dataflowOptions } from '../../decorators/dataflow';
import { compiledPath, isTypeScriptSource } from './compiled-path';
import { UsageError } from './usage-error';

type DataflowClass = new () => object;
interface Found { name: string; cls: DataflowClass }

/** The @dataflow() classes a loaded module exports, by exported name (a default export by its class name). */
function dataflowExports(exports: Record<string, unknown>): Found[] {
  return Object.entries(exports)
    .filter(([, value]) => typeof value === 'function' && dataflowOptions(value) !== undefined)
    .map(([name, value]) => ({ name: name === 'default' ? (value as Function).name || name : name, cls: value as DataflowClass }));
}

function requireModule(file: string): Record<string, unknown> {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new UsageError(`cannot load module '${file}': no such file`);
  // Node cannot run it, and a copy compiled without the transformer would lack the nodes' metadata.
  if (isTypeScriptSource(file)) {
    const compiled = compiledPath(file);
    throw new UsageError(`module '${file}' is TypeScript source: pass the module compiled to .js by tspc with the hamilton-ts transformer`
      + (compiled.exists ? `; here that is '${compiled.path}'` : `; it is not built yet (tspc would write '${compiled.path}')`));
  }
  try {
    return require(resolved) as Record<string, unknown>;
  } catch (error) {
    // A syntax error or a throw at the module's top level: its own message says what.
    throw new UsageError(`cannot load module '${file}': ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

/**
 * Requires compiled dataflow modules (.js, CommonJS or ES) and returns their
 * @dataflow() classes: all of them, or only those named in `only`.
 */
export function loadDataflowClasses(files: readonly string[], only: readonly string[] = []): DataflowClass[] {
  const found: Found[] = [];
  for (const file of files) {
    const classes = dataflowExports(requireModule(file));
    if (classes.length === 0) throw new UsageError(`module '${file}' exports no @dataflow() class`);
    found.push(...classes);
  }
  const unknown = only.filter((name) => !found.some((f) => f.name === name));
  if (unknown.length) {
    throw new UsageError(`no @dataflow() class ${unknown.map((n) => `'${n}'`).join(', ')} in ${files.join(', ')}; `
      + `there ${found.length === 1 ? 'is' : 'are'} ${found.map((f) => `'${f.name}'`).join(', ')}`);
  }
  const chosen = only.length ? found.filter((f) => only.includes(f.name)) : found;
  // A class exported under two names is still one module.
  return [...new Set(chosen.map((f) => f.cls))];
}
