import type * as TS from 'typescript';

/** What to install when the TypeScript in use cannot run the transformer. */
export const SUPPORTED_TYPESCRIPT = 'npm i -D typescript@5.9.3 ts-patch@3.3.0';

/**
 * TypeScript 7 is the native compiler: it has no compiler API for transformers and ignores
 * `plugins` (ts-patch's `tspc` fails on it before any plugin loads). Should a TypeScript 7
 * ever hand itself to the transformer, say so rather than fail somewhere inside it.
 */
export function assertSupportedTypeScript(ts: typeof TS, entry: string): void {
  const major = Number(/^(\d+)\./.exec(ts.version ?? '')?.[1]);
  if (major >= 5 && major < 7) return;
  throw new Error(
    `${entry} needs TypeScript 5.x, but typescript ${ts.version ?? '(unknown version)'} is installed`
    + (major >= 7 ? ', whose native compiler runs no transformers' : '') + `: ${SUPPORTED_TYPESCRIPT}`,
  );
}
