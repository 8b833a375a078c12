import * as fs from 'fs';
import * as path from 'path';
import { HamiltonError, RemoteExecutionError } from '../../errors';
import { isDataflowClass, modulePathOf, requireModule, type GraphSpec, type ModuleRef } from '../remote/graph-spec';

/** A job named a module this worker was not started with: it is not loaded. */
export class ModuleNotAllowedError extends RemoteExecutionError {
  constructor(readonly modulePath: string, readonly exportName: string) {
    super(`module ${modulePath} (export '${exportName}') is not among this worker's modules: a worker loads only the files of its --module `
      + 'options and those under its --module-dir directories. Start the worker with --module <compiled module> or --module-dir <directory> to serve it.');
  }
}

interface Preloaded {
  /** Its real path. */
  file: string;
  /** Export names of its @dataflow() classes. */
  exports: string[];
}

const MODULE_FILE = /\.(c|m)?js$/;

/**
 * The code a `hamilton-ts worker` may run. A job names its graph's modules by
 * path, and anyone who can write to the queue's Redis can queue a job, so the
 * worker never requires a path because a job names it: only the files it was
 * started with (`modules`, loaded at once) and the .js files under `dirs`
 * (loaded on first use). Paths are compared by their real path, so neither a
 * symbolic link nor a `..` leads outside.
 */
export class ModuleAllowList {
  private readonly preloaded: Preloaded[];
  private readonly dirs: string[];

  constructor(modules: readonly string[], dirs: readonly string[]) {
    if (modules.length === 0 && dirs.length === 0) {
      throw new HamiltonError('a worker needs --module <compiled module> (repeatable) or --module-dir <directory>: it loads only the modules it is started with');
    }
    this.dirs = dirs.map((dir) => {
      const real = realPath(dir);
      if (!real || !fs.statSync(real).isDirectory()) throw new HamiltonError(`--module-dir '${dir}' is not a directory`);
      return real;
    });
    // Required now, so that a bad path fails at start, not at the first job.
    this.preloaded = modules.map((file) => {
      const real = realPath(file) ?? path.resolve(file);
      const exports = requireModule(real);
      const classes = Object.keys(exports).filter((name) => isDataflowClass(exports[name]));
      if (classes.length === 0) throw new HamiltonError(`module '${file}' exports no @dataflow() class`);
      return { file: real, exports: classes };
    });
  }

  /** The modules loaded at start, for the worker's first log line. */
  get files(): string[] {
    return this.preloaded.map((m) => m.file);
  }

  /**
   * The spec with each module as this worker loads it: at the path the driver
   * recorded when that path is allowed here, else the --module file of the
   * same file name (or any --module file) exporting the class: the same build,
   * deployed elsewhere. Anything else is a ModuleNotAllowedError.
   */
  localSpec(spec: GraphSpec): GraphSpec {
    if (!Array.isArray(spec?.modules)) throw new RemoteExecutionError('the job carries no graph spec: it was not queued by a hamilton-ts driver');
    return { ...spec, modules: spec.modules.map((ref) => this.local(ref)) };
  }

  private local(ref: ModuleRef): ModuleRef {
    if (typeof ref?.modulePath !== 'string' || typeof ref.exportName !== 'string') {
      throw new RemoteExecutionError(`the job names a module as ${JSON.stringify(ref)}: expected { modulePath, exportName }`);
    }
    let file: string;
    try {
      file = modulePathOf(ref);
    } catch {
      throw new RemoteExecutionError(`the job names a module at ${JSON.stringify(ref.modulePath)}, which is not a path`);
    }
    const real = realPath(file);
    if (real && this.allows(real)) return { modulePath: real, exportName: ref.exportName };
    const match = this.preloaded.find((m) => m.exports.includes(ref.exportName) && path.basename(m.file) === path.basename(file))
      ?? this.preloaded.find((m) => m.exports.includes(ref.exportName));
    if (match) return { modulePath: match.file, exportName: ref.exportName };
    throw new ModuleNotAllowedError(real ?? file, ref.exportName);
  }

  private allows(real: string): boolean {
    if (this.preloaded.some((m) => m.file === real)) return true;
    return MODULE_FILE.test(real) && this.dirs.some((dir) => isInside(dir, real)) && fs.statSync(real).isFile();
  }
}

/** The path with every symbolic link and `..` resolved, or undefined when there is no such file. */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(path.resolve(file));
  } catch {
    return undefined;
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
