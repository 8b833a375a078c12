import { columnsOfOutputs } from './columns-of-outputs';
import { ResultBuilderError } from '../errors';
import type { ResultBuilder } from './result-builder';

/**
 * A two-dimensional result, column-stacked like numpy's `column_stack`: the
 * columns are kept as they are (no copy), read by row and column.
 */
export class Matrix<T = unknown> {
  constructor(
    readonly columnNames: readonly string[],
    readonly columns: readonly ArrayLike<T>[],
  ) {}

  get numRows(): number {
    return this.columns.length ? this.columns[0].length : 0;
  }

  get numCols(): number {
    return this.columns.length;
  }

  at(row: number, col: number): T {
    return this.columns[col][row];
  }

  row(index: number): T[] {
    return this.columns.map((c) => c[index]);
  }

  column(name: string): ArrayLike<T> {
    const i = this.columnNames.indexOf(name);
    if (i < 0) throw new ResultBuilderError(`the matrix has no column '${name}'; it has ${this.columnNames.join(', ')}.`);
    return this.columns[i];
  }

  /** Rows as arrays: `[[r0c0, r0c1, …], …]`. */
  toArray(): T[][] {
    return Array.from({ length: this.numRows }, (_, r) => this.row(r));
  }

  /** The values row by row in one Float64Array; every value must be a number. */
  toFloat64Array(): Float64Array {
    const out = new Float64Array(this.numRows * this.numCols);
    this.columns.forEach((column, c) => {
      for (let r = 0; r < column.length; r++) {
        const v = column[r];
        if (typeof v !== 'number') {
          throw new ResultBuilderError(`column '${this.columnNames[c]}' row ${r} is not a number (${String(v)}): the matrix is not numeric.`);
        }
        out[r * this.numCols + c] = v;
      }
    });
    return out;
  }
}

/** The seed's NumpyMatrixResult: outputs stacked as the columns of a Matrix. */
export class MatrixResult implements ResultBuilder<Matrix> {
  build(outputs: Readonly<Record<string, unknown>>): Matrix {
    const columns = columnsOfOutputs(outputs);
    return new Matrix(Object.keys(columns), Object.values(columns));
  }
}
