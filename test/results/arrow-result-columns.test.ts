import { tableToIPC } from '@uwdata/flechette';
import { ArrowResult, TableEncodeError } from 'hamilton-ts';

/** ArrowResult types its columns as the arrow saver does, and names a column it cannot encode. */
test('an empty typed column keeps its type, and the table encodes', () => {
  const arrow = new ArrowResult().build({ empty: new Float64Array(0), ids: new BigInt64Array(0), label: 'x' });
  expect(arrow.schema.fields.map((f) => f.type.typeId)).toEqual([3, 2, 5]);
  expect(() => tableToIPC(arrow, {})).not.toThrow();
});

test('a Uint8ClampedArray column is uint8', () => {
  const arrow = new ArrowResult().build({ clamped: Uint8ClampedArray.of(1, 255), label: 'x' });
  expect(arrow.schema.fields[0].type).toMatchObject({ typeId: 2, bitWidth: 8, signed: false });
  expect(Array.from(arrow.getChild('clamped')!.toArray() as Uint8Array)).toEqual([1, 255]);
  expect(() => tableToIPC(arrow, {})).not.toThrow();
});

test.each([
  [{ price: [1, 2], label: [1, 'x'] }, "cannot write the table as Arrow: column 'label' holds numbers and strings; an Arrow column holds values of one type"],
  [{ d: [new Date(0), new Date(NaN)] }, "cannot write the table as Arrow: column 'd' holds an invalid Date at row 2; a timestamp column holds valid Dates (or null for none)"],
  [{ big: [1n, 2n ** 64n - 1n] }, "cannot write the table as Arrow: column 'big' holds 18446744073709551615 at row 2, beyond 64 bits; an int64 column holds -2^63 to 2^63 - 1"],
])('a column Arrow cannot hold is a TableEncodeError naming it: %j', (outputs, message) => {
  expect(() => new ArrowResult().build(outputs)).toThrow(TableEncodeError);
  expect(() => new ArrowResult().build(outputs)).toThrow(message);
});
