import type { DataLoader, DataSaver } from '../data-adapter';
import { LoadError } from '../adapter-errors';
import { valueSummary } from '../table-summary';

/**
 * The values saved with the `memory` saver, by key: one store per process (a worker
 * thread or BullMQ worker has its own), for tests and for handing values between runs.
 */
export const memoryStore = new Map<string, unknown>();

export interface MemoryOptions {
  /** The entry of the in-process store read or written. */
  key: string;
}

const location = ({ key }: MemoryOptions): string => `memory:${key}`;

/** Reads the value saved under `key` by the memory saver (or memoryStore.set). */
export const memoryLoader: DataLoader<MemoryOptions> = {
  name: 'memory',
  appliesTo: ['any'],
  defaults: {},
  required: ['key'],
  description: 'a value from the in-process store, by key',
  location,
  load: (options, context) => {
    if (!memoryStore.has(options.key)) {
      const keys = [...memoryStore.keys()];
      throw new LoadError('memory', location(options), `nothing is saved under '${options.key}'; saved keys: ${keys.length ? keys.join(', ') : 'none'}`, context.node);
    }
    const value = memoryStore.get(options.key);
    return [value, { path: location(options), ...valueSummary(value) }];
  },
};

/** Saves the value under `key` in the in-process store, replacing what was there. */
export const memorySaver: DataSaver<MemoryOptions> = {
  name: 'memory',
  appliesTo: ['any'],
  defaults: {},
  required: ['key'],
  description: 'a value into the in-process store, by key',
  location,
  save: (value, options) => {
    memoryStore.set(options.key, value);
    return { path: location(options), ...valueSummary(value) };
  },
};
