import { HamiltonError } from '../errors';

/**
 * A class's generated metadata no longer matches the class: a method was
 * added, removed, or its parameters changed since `hamilton-ts generate` ran.
 * Wiring by stale names would build a wrong graph silently, so it stops.
 */
export class GeneratedMetadataOutOfDateError extends HamiltonError {
  constructor(readonly className: string, readonly method: string | undefined, readonly detail: string, readonly source: string | undefined) {
    super(`${method ? `${className}.${method}` : className}${source ? ` (${source})` : ''}: ${detail}; `
      + 'its generated metadata is out of date: run `npx hamilton-ts generate` again (or check it in CI with `hamilton-ts generate --check`).');
  }
}

/** `hamilton-ts generate` cannot read the project: names the file and what is wrong with it. */
export class GenerateError extends HamiltonError {}
