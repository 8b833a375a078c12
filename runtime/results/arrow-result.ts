import { toArrow } from 'arquero';
import type { ResultBuilder } from './result-builder';
import { TableResult } from './table-result';

export type ArrowTable = ReturnType<typeof toArrow>;

/** An Apache Arrow table, through Arquero's own Arrow encoder (columns as for TableResult). */
export class ArrowResult implements ResultBuilder<ArrowTable> {
  private readonly tables = new TableResult();

  build(outputs: Readonly<Record<string, unknown>>): ArrowTable {
    return toArrow(this.tables.build(outputs));
  }
}
