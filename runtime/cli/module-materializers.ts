import * as path from 'path';
import { isMaterializer, type Materializer } from '../materialize/materializer';
import { UsageError } from './usage-error';

/** The export a module declares its materializers under: `export const materializers = [from.…(…), to.…(…)]`. */
export const MATERIALIZERS_EXPORT = 'materializers';

/**
 * The materializers the (already loaded) dataflow modules export as
 * `materializers`, in module order: the CLI's `Builder.withMaterializers`.
 * An export of that name that is not an array of from.… / to.… is a usage error naming the module.
 */
export function moduleMaterializers(files: readonly string[]): Materializer[] {
  return files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const declared = (require(path.resolve(file)) as Record<string, unknown>)[MATERIALIZERS_EXPORT];
    if (declared === undefined) return [];
    if (!Array.isArray(declared) || !declared.every(isMaterializer)) {
      throw new UsageError(`module '${file}' exports '${MATERIALIZERS_EXPORT}', which must be an array of from.<adapter>(…) and to.<adapter>(…) materializers`);
    }
    return declared;
  });
}
