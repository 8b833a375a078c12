import { HamiltonError } from '../errors';

/** A picture option with a value it cannot take: names the method, the option, what it got and what it takes. */
export class PictureOptionError extends HamiltonError {
  constructor(readonly method: string, readonly option: string, readonly value: unknown, readonly expected: string) {
    super(`${method}: option '${option}' is ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: expected ${expected}`);
  }
}

/** `visualizePathBetween` asked for two nodes with no path from the first down to the second. */
export class NoPathError extends HamiltonError {
  constructor(readonly from: string, readonly to: string) {
    super(`there is no path from '${from}' down to '${to}': '${to}' does not depend on '${from}', directly or not. Swap them if '${from}' depends on '${to}'.`);
  }
}

/** Graphviz could not lay the picture out (a custom style gave an attribute value it does not know). */
export class PictureRenderError extends HamiltonError {
  constructor(readonly problems: readonly string[]) {
    super(`Graphviz could not draw the picture: ${problems.join('; ')}`);
  }
}

/** A picture could not be written to its file. */
export class PictureWriteError extends HamiltonError {
  constructor(readonly path: string, cause: unknown) {
    super(`could not write the picture to ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
