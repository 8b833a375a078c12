import * as path from 'path';
import type { UnpluginFactory, UnpluginInstance } from 'unplugin';
import { MissingPeerDependencyError } from '../../executors/distributed/distributed-peers';
import { ProjectAnalyser } from './project-analyser';
import { registrationCode } from './registration-code';

export interface HamiltonPluginOptions {
  /** The project's tsconfig.json (default: the nearest one from the working directory up). */
  tsconfig?: string;
}

const SCRIPT = /\.[cm]?tsx?$/;

/**
 * The same analysis as `hamilton-ts generate`, run by the bundler on each
 * TypeScript file it loads (before its own TypeScript transform): every
 * `@dataflow()` class gets the transformer's metadata, with no separate step.
 */
export const hamiltonPluginFactory: UnpluginFactory<HamiltonPluginOptions | undefined> = (options = {}) => {
  let analyser: ProjectAnalyser | undefined;
  return {
    name: 'hamilton-ts',
    enforce: 'pre',
    transformInclude: (id) => SCRIPT.test(id.split('?')[0]) && !id.includes('/node_modules/') && !id.endsWith('.d.ts'),
    transform(code, id) {
      if (!code.includes('dataflow')) return null;
      analyser ??= new ProjectAnalyser(options.tsconfig);
      const appended = registrationCode(analyser, id.split('?')[0], code);
      return appended ? { code: code + appended, map: null } : null;
    },
  };
};

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
