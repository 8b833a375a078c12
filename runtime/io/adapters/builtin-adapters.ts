import type { DataLoader, DataSaver } from './data-adapter';
import { environmentLoader } from './builtin/environment';
import { literalLoader } from './builtin/literal';
import { memoryLoader, memorySaver } from './builtin/memory';

/** The loaders registered when hamilton-ts loads; users may replace one with `{ override: true }`. */
export const BUILTIN_LOADERS: readonly DataLoader<any, any>[] = [literalLoader, memoryLoader, environmentLoader];

/** The savers registered when hamilton-ts loads. */
export const BUILTIN_SAVERS: readonly DataSaver<any, any>[] = [memorySaver];
