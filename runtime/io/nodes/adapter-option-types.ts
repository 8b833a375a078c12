import type { EnvironmentOptions } from '../adapters/builtin/environment';
import type { LiteralOptions } from '../adapters/builtin/literal';
import type { MemoryOptions } from '../adapters/builtin/memory';
import type { BindableOptions } from './adapter-bindings';

/**
 * The options of each built-in loader, by name: `@loadFrom.<name>` and
 * `from.<name>` take these (each bindable), so editors complete and check
 * them. Any other registered name is accepted too, untyped, and checked
 * against the adapter when the graph is built.
 */
export interface LoaderOptionTypes {
  literal: LiteralOptions;
  memory: MemoryOptions;
  environment: EnvironmentOptions;
}

/** The options of each built-in saver, by name (see LoaderOptionTypes). */
export interface SaverOptionTypes {
  memory: MemoryOptions;
}

/** A known adapter's options, bindable, with the surface's own fields (`injectTo`, `outputName`, `target`, `id` …). */
export type SurfaceOptions<Options, Own> = BindableOptions<Options> & Own;
