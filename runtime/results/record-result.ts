import type { ResultBuilder } from './result-builder';

/** Every requested output as it is, by name: the seed's DictResult, for debugging and for non-tabular values. */
export class RecordResult implements ResultBuilder<Record<string, unknown>> {
  /** The driver hands every run a fresh record, so it is returned as it is. */
  build(outputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return outputs as Record<string, unknown>;
  }
}
