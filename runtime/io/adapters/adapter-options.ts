import { suggest } from '../../did-you-mean';
import { AdapterOptionError } from './adapter-errors';
import type { AdapterDefinition, AdapterRole } from './data-adapter';

/** Every option an adapter takes: its required ones, then those with defaults. */
export const optionNames = (adapter: AdapterDefinition<any>): string[] => [...adapter.required, ...Object.keys(adapter.defaults)];

/**
 * The options an adapter runs with: `given` laid over its `defaults` (an option given as
 * undefined keeps its default). An option it does not take, a required one left out, or a
 * value its checkOptions refuses is an AdapterOptionError naming the option.
 * `partial`: at graph build, when some options come from other nodes — only the given ones are checked.
 */
export function resolveOptions<Options extends object>(
  role: AdapterRole,
  adapter: AdapterDefinition<Options>,
  given: Readonly<Record<string, unknown>>,
  { node, partial = false }: { node?: string; partial?: boolean } = {},
): Options {
  const known = optionNames(adapter as AdapterDefinition<any>);
  for (const option of Object.keys(given)) {
    if (!known.includes(option)) {
      throw new AdapterOptionError(role, adapter.name, option, `is not one it takes${suggest(option, known)}; it takes ${known.join(', ') || 'no options'}`, node);
    }
  }
  const options: Record<string, unknown> = { ...adapter.defaults };
  for (const [option, value] of Object.entries(given)) if (value !== undefined) options[option] = value;
  if (!partial) {
    const missing = adapter.required.find((option) => options[option] === undefined);
    if (missing) throw new AdapterOptionError(role, adapter.name, missing, 'is required and was not given', node);
  }
  const problem = adapter.checkOptions?.(options as Partial<Options>);
  if (problem) throw new AdapterOptionError(role, adapter.name, problem[0], problem[1], node);
  return options as Options;
}
