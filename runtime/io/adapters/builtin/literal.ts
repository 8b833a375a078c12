import type { DataLoader } from '../data-adapter';
import { valueSummary } from '../table-summary';

export interface LiteralOptions {
  /** The value the loader returns, as given. */
  value: unknown;
}

/** Returns the value it was given (Hamilton's `literal`): a constant source for tests and small settings. */
export const literalLoader: DataLoader<LiteralOptions> = {
  name: 'literal',
  appliesTo: ['any'],
  defaults: {},
  required: ['value'],
  description: 'the value given as the option `value`',
  location: () => '(literal value)',
  load: ({ value }) => [value, valueSummary(value)],
};
