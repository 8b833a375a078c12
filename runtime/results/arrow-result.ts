import { toTypedArrow, type ArrowTable } from '../io/arrow-encode';
import type { ResultBuilder } from './result-builder';
import { TableResult } from './table-result';

export type { ArrowTable };

/**
 * An Apache Arrow table, through Arquero's own Arrow encoder (columns as for TableResult),
 * typed as the arrow saver types them: an empty typed column keeps its type, a
 * Uint8ClampedArray is uint8, a column of nulls text. A column Arrow cannot hold
 * (numbers and text mixed, an invalid Date) is a TableEncodeError naming it.
 */
export class ArrowResult implements ResultBuilder<ArrowTable> {
  private readonly tables = new TableResult();

  build(outputs: Readonly<Record<string, unknown>>): ArrowTable {
    return toTypedArrow(this.tables.build(outputs));
  }
}
