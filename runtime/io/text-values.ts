/** Reads one kind of value from CSV text: whether a text holds one, and the value. */
export interface TextReader {
  reads(text: string): boolean;
  read(text: string): unknown;
}

const ISO_DATE = /^([-+]\d{2})?\d{4}(-\d{2}(-\d{2})?)?(T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?(Z|[-+]\d{2}:\d{2})?)?$/;

/**
 * The kinds a CSV column may hold, tried in this order: Arquero's fromCSV
 * rules (util/parse-values.js), so a file reads as `aq.fromCSV` reads it.
 */
export const TEXT_READERS = {
  boolean: { reads: (v) => v === 'true' || v === 'false', read: (v) => v === 'true' },
  number: { reads: (v) => v === 'NaN' || +v === +v, read: (v) => +v },
  date: { reads: (v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)), read: (v) => new Date(Date.parse(v)) },
} as const satisfies Record<string, TextReader>;

/**
 * A column of CSV fields typed as a whole: booleans, numbers or Dates when
 * every non-empty field reads as one, else the text. Empty fields are null.
 * Unlike fromCSV, which types by the first 1000 rows (and turns a later
 * `abc` into NaN), every field decides.
 */
export function typedColumn(fields: readonly string[]): unknown[] {
  const reader = Object.values(TEXT_READERS).find((r: TextReader) => fields.every((f) => f === '' || r.reads(f)));
  return fields.map((f) => (f === '' ? null : reader ? reader.read(f) : f));
}
