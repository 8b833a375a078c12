import * as aq from 'arquero';
import { tableFromIPC } from '@uwdata/flechette';
import type { Table } from '../values/values';

type FlechetteTable = ReturnType<typeof tableFromIPC>;

// Flechette's type id for dictionary-encoded columns.
const DICTIONARY = -1;

/**
 * Arrow IPC bytes (a file, a stream, or several streams) as an Arquero table. Numeric and
 * other columns stay Arrow-backed (no copy); dictionary-encoded columns are decoded by
 * flechette, because Arquero's own dictionary view reads every batch with the first
 * batch's dictionary, and a stream may replace it (parquet-wasm writes one per batch; so
 * do other writers), which turned values into others, silently.
 * int64 columns read as BigInt (as numbers, values past 2^53 would round), dates as Dates.
 */
export function tableFromArrow(ipc: Uint8Array | Uint8Array[]): Table {
  const arrow: FlechetteTable = tableFromIPC(ipc, { useBigInt: true, useDate: true });
  const names = arrow.schema.fields.map((f) => f.name);
  // Arquero's dictionary columns need a batch: without one, a table of empty columns.
  if (arrow.numRows === 0) return aq.table(new Map(names.map((name) => [name, []])), names);
  // As Arquero's fromArrow builds its columns (the Arrow column itself), but for dictionaries.
  const columns = arrow.schema.fields.map((f) => [f.name, f.type.typeId === DICTIONARY ? arrow.getChild(f.name).toArray() : arrow.getChild(f.name)] as const);
  return aq.table(new Map(columns) as unknown as Map<string, unknown[]>, names);
}
