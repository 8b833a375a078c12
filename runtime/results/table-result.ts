import * as aq from 'arquero';
import { columnsOfOutputs } from './columns-of-outputs';
import type { ResultBuilder } from './result-builder';
import type { Table } from '../values/values';

/**
 * An Arquero table (the default), like Hamilton's pandas result: columns side
 * by side without copying, scalars repeated on every row, table outputs
 * contributing their columns (as `<output>.<column>` beside other outputs).
 * Columns of different lengths are an error that names them.
 */
export class TableResult implements ResultBuilder<Table> {
  build(outputs: Readonly<Record<string, unknown>>): Table {
    return aq.table(columnsOfOutputs(outputs));
  }
}
