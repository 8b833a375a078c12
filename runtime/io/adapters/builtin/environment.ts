import type { DataLoader } from '../data-adapter';
import { LoadError } from '../adapter-errors';

/** How the text of an environment variable becomes a value. */
export type EnvironmentParse = 'string' | 'number' | 'boolean' | 'json';

export interface EnvironmentOptions {
  /** The variable's name. */
  name: string;
  /** The value when the variable is not set; without one an unset variable is an error. */
  default?: unknown;
  /** How to read its text (default `'string'`): a number, `true`/`false`/`1`/`0`, or JSON. */
  parse?: EnvironmentParse;
}

const PARSES: readonly EnvironmentParse[] = ['string', 'number', 'boolean', 'json'];

function parsed(text: string, parse: EnvironmentParse): unknown {
  switch (parse) {
    case 'string': return text;
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) throw new Error(`its value ${JSON.stringify(text)} is not a number`);
      return n;
    }
    case 'boolean':
      if (/^(true|1)$/i.test(text)) return true;
      if (/^(false|0)$/i.test(text)) return false;
      throw new Error(`its value ${JSON.stringify(text)} is not a boolean (true, false, 1 or 0)`);
    case 'json':
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new Error(`its value is not valid JSON: ${(error as Error).message}`);
      }
  }
}

/** An environment variable's value (Hamilton has no built-in one: settings from the deployment, for config). */
export const environmentLoader: DataLoader<EnvironmentOptions> = {
  name: 'environment',
  appliesTo: ['string', 'number', 'boolean', 'record', 'any'],
  defaults: { default: undefined, parse: 'string' },
  required: ['name'],
  description: 'an environment variable, as text, a number, a boolean or JSON',
  location: ({ name }) => `$${name}`,
  checkOptions: ({ parse }) => (parse !== undefined && !PARSES.includes(parse) ? ['parse', `must be one of ${PARSES.join(', ')}, not ${JSON.stringify(parse)}`] : undefined),
  load: ({ name, default: fallback, parse = 'string' }, context) => {
    const text = process.env[name];
    if (text === undefined) {
      if (fallback === undefined) throw new LoadError('environment', `$${name}`, 'the variable is not set, and no default was given', context.node);
      return [fallback, { details: { variable: name, set: false } }];
    }
    try {
      return [parsed(text, parse), { details: { variable: name, set: true } }];
    } catch (error) {
      throw new LoadError('environment', `$${name}`, (error as Error).message, context.node, { cause: error });
    }
  },
};
