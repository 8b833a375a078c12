import { readArrow } from '../../arrow';
import { toTypedArrowIPC } from '../../arrow-encode';
import type { Table } from '../../../values/values';
import type { DataLoader, DataSaver } from '../data-adapter';
import { readSource, writeAtomically } from '../file-access';
import { tableSummary } from '../table-summary';

/** Arrow IPC's two layouts: a file (random access, Feather v2) or a stream (messages one after another). */
export type ArrowFormat = 'file' | 'stream';

export interface ArrowLoadOptions {
  /** An Arrow IPC file or stream (told apart by its first bytes). */
  path: string;
}

export interface ArrowSaveOptions {
  path: string;
  /** The IPC layout (default `'file'`). */
  format?: ArrowFormat;
}

const checkFormat = ({ format }: { format?: string }): ['format', string] | undefined =>
  (format !== undefined && format !== 'file' && format !== 'stream' ? ['format', `must be 'file' or 'stream', not ${JSON.stringify(format)}`] : undefined);

/** An Arrow IPC loader under a name: `arrow`, and `feather` (Feather v2 is the IPC file). */
function arrowLoader(name: 'arrow' | 'feather'): DataLoader<ArrowLoadOptions, Table> {
  return {
    name,
    appliesTo: ['table'],
    defaults: {},
    required: ['path'],
    description: `an Arrow IPC file or stream${name === 'feather' ? ' (Feather v2)' : ''}`,
    load: ({ path }, context) => {
      const bytes = readSource(name, path, context);
      const { table } = readArrow(bytes, path);
      return [table, { path, bytes: bytes.length, ...tableSummary(table) }];
    },
  };
}

function arrowSaver(name: 'arrow' | 'feather'): DataSaver<ArrowSaveOptions, Table> {
  return {
    name,
    appliesTo: ['table'],
    defaults: { format: 'file' },
    required: ['path'],
    description: `an Arrow IPC file or stream${name === 'feather' ? ' (Feather v2)' : ''}`,
    checkOptions: checkFormat,
    save: async (table, { path, format }, context) => {
      const bytes = await writeAtomically(name, path, context, toTypedArrowIPC(table, format));
      return { path, bytes, ...tableSummary(table), details: { format } };
    },
  };
}

export const arrowFileLoader = arrowLoader('arrow');
export const arrowFileSaver = arrowSaver('arrow');
/** Hamilton's `feather` (pandas' read_feather / to_feather): the Arrow IPC file. */
export const featherLoader = arrowLoader('feather');
export const featherSaver = arrowSaver('feather');
