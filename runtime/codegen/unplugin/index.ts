import type { UnpluginInstance } from 'unplugin';
import { MissingPeerDependencyError } from '../../executors/distributed/distributed-peers';
import { hamiltonPluginFactory, type HamiltonPluginOptions } from './plugin-factory';

export { hamiltonPluginFactory, type HamiltonPluginOptions } from './plugin-factory';

function loadUnplugin(): typeof import('unplugin') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('unplugin') as typeof import('unplugin');
  } catch {
    throw new MissingPeerDependencyError('hamilton-ts/unplugin (the vite, vitest, esbuild, rollup and webpack plugin)', ['unplugin'], 'npm i -D unplugin@^3.7.0');
  }
}

/** `hamiltonTs.vite()` in vite.config.ts / vitest.config.ts; `.esbuild()`, `.rollup()`, `.webpack()`, `.rspack()` likewise. */
export const hamiltonTs: UnpluginInstance<HamiltonPluginOptions | undefined> = loadUnplugin().createUnplugin(hamiltonPluginFactory);
export default hamiltonTs;

// As named exports too, so `import hamiltonTs from 'hamilton-ts/unplugin'` works from ES modules (this file is CommonJS).
export const vite = hamiltonTs.vite;
export const rollup = hamiltonTs.rollup;
export const esbuild = hamiltonTs.esbuild;
export const webpack = hamiltonTs.webpack;
export const rspack = hamiltonTs.rspack;
