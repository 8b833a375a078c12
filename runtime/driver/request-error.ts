import { HamiltonError } from '../errors';

/**
 * A request to the driver (`execute`, `rawExecute`, `executeWithReport`,
 * `validateExecution`) it cannot read as written: names the method, the
 * argument, what it takes and what it got.
 */
export class InvalidRequestError extends HamiltonError {
  constructor(readonly method: string, readonly argument: string, detail: string, signature = 'outputs, options') {
    super(`${method}(${signature}): ${detail}`);
  }
}
