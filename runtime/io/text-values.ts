/** Reads one kind of value from CSV text: whether a text holds one, and the value. */
export interface TextReader {
  reads(text: string): boolean;
  read(text: string): unknown;
}

const ISO_DATE = /^([-+]\d{2})?\d{4}(-\d{2}(-\d{2})?)?(T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?(Z|[-+]\d{2}:\d{2})?)?$/;
// `+text` also reads 0x10, 0b11 and 0o7; pandas (and a person reading the file) takes them for text.
const RADIX_LITERAL = /^\s*0[xbo]/i;
const INTEGER = /^\s*[-+]?\d+\s*$/;

/** Whether a field is written as a whole number that a JavaScript number cannot hold exactly (beyond ±2^53 - 1); the magnitude first, so most fields skip the pattern. */
const unsafeInteger = (v: string): boolean => Math.abs(+v) > Number.MAX_SAFE_INTEGER && INTEGER.test(v);

/**
 * The kinds a CSV column may hold, tried in this order: Arquero's fromCSV
 * rules (util/parse-values.js), so a file reads as `aq.fromCSV` reads it,
 * except that hex, binary and octal literals are text, and a whole number
 * beyond ±(2^53 - 1) is no number (it would round: 9007199254740993 read as
 * 9007199254740992): a column of whole numbers with one such is bigints.
 */
export const TEXT_READERS = {
  boolean: { reads: (v) => v === 'true' || v === 'false', read: (v) => v === 'true' },
  number: { reads: (v) => v === 'NaN' || (+v === +v && !RADIX_LITERAL.test(v) && !unsafeInteger(v)), read: (v) => +v },
  bigint: { reads: (v) => INTEGER.test(v), read: (v) => BigInt(v.trim()) },
  date: { reads: (v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)), read: (v) => new Date(Date.parse(v)) },
} as const satisfies Record<string, TextReader>;

/** A field that holds no value: empty, or only spaces (which `+text` would read as 0). */
const blank = (field: string): boolean => field.trim() === '';

/**
 * A column of CSV fields typed as a whole: booleans, numbers, bigints or Dates
 * when every non-blank field reads as one, else the text. Empty fields are
 * null; so are fields of only spaces in a typed column (a text column keeps
 * them as written). Unlike fromCSV, which types by the first 1000 rows (and
 * turns a later `abc` into NaN), every field decides.
 */
export function typedColumn(fields: readonly string[]): unknown[] {
  const reader = Object.values(TEXT_READERS).find((r: TextReader) => fields.every((f) => blank(f) || r.reads(f)));
  if (!reader) return fields.map((f) => (f === '' ? null : f));
  return fields.map((f) => (blank(f) ? null : reader.read(f)));
}
