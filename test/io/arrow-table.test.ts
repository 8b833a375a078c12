import * as aq from 'arquero';
import { tableFromArrow } from '../../runtime/io/arrow-table';
import { readArrow } from '../../runtime/io';

// parquet-wasm's own IPC writer gives each batch its own dictionary: a ready-made stream that replaces dictionaries.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pw = require('parquet-wasm');

test('dictionary columns of a stream whose batches replace the dictionary read as written', () => {
  const values = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? null : `v${(i * 31) % 977}`));
  const parquet = pw.writeParquet(pw.Table.fromIPCStream(aq.toArrowIPC(aq.table({ s: values }), { format: 'stream' })));
  const stream: Uint8Array = pw.readParquet(parquet, { batchSize: 1024 }).intoIPCStream();
  // Arquero alone reads every batch with the first batch's dictionary: the values it gives are wrong.
  expect(aq.fromArrow(stream).array('s')).not.toEqual(values);
  expect(tableFromArrow(stream).array('s')).toEqual(values);
  expect(readArrow(stream, 'x.arrows').table.array('s')).toEqual(values);
});
