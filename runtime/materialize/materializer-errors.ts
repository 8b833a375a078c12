import { HamiltonError } from '../errors';

/**
 * A materializer that cannot join the graph: an unknown adapter, a target or
 * dependency that names nothing, an id that is already a node's name.
 * Names the materializer (`to.parquet 'saveFeatures'`) and what is wrong.
 */
export class MaterializerError extends HamiltonError {
  constructor(readonly materializer: string, detail: string) {
    super(`${materializer}: ${detail}`);
  }
}
