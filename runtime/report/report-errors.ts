import { HamiltonError } from '../errors';

/** RunReport's options are not what it takes: names the option and what it expected. */
export class ReportOptionError extends HamiltonError {
  constructor(readonly option: string, readonly value: unknown, readonly expected: string) {
    super(`RunReport: option '${option}' is ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: expected ${expected}`);
  }
}

/** A run report or its index could not be written: names the file. */
export class ReportWriteError extends HamiltonError {
  constructor(readonly path: string, cause: unknown) {
    super(`could not write the run report ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
