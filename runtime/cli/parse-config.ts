import { readUserFile } from './files';
import { UsageError } from './usage-error';

export type ConfigValues = Record<string, unknown>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A command-line value as config: `3` → 3, `true`/`false` → booleans, anything else stays a string. */
export function parseConfigValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return NUMBER.test(text) ? Number(text) : text;
}

/** `window=3` → ['window', 3]. The value may itself hold '=' (`filter=a=b`). */
export function parseConfigEntry(entry: string): [string, unknown] {
  const at = entry.indexOf('=');
  const key = at < 0 ? '' : entry.slice(0, at).trim();
  if (!key) throw new UsageError(`expected key=value (e.g. window=3), got '${entry}'`);
  return [key, parseConfigValue(entry.slice(at + 1))];
}

/** A JSON file holding one object of config values; its values keep their JSON types. */
export function readConfigFile(file: string): ConfigValues {
  const text = readUserFile(file, 'config file', 'utf8');
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file '${file}' is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`config file '${file}' must hold a JSON object of config values`);
  }
  return config as ConfigValues;
}
