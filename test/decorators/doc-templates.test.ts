import { Builder, dataflow, inject, parameterize, source, value } from 'hamilton-ts';

@dataflow()
class Documented {
  /** Weighted by {weight} from {base}. */
  @inject({ weight: value(3), base: source('start') })
  weighted(base: number, weight: number): number {
    return base * weight;
  }

  /** Scaled by {factor} with {offset} added ({missing} is bound by nothing). */
  @parameterize({ scaledTwice: { factor: value(2) } })
  scaled(start: number, factor: number, offset: number): number {
    return start * factor + offset;
  }
}

const doc = (name: string) => new Builder().withModules(Documented).build().listAvailableVariables().find((v) => v.name === name)!.doc;

test('@inject fills {param} placeholders from its bindings, as @parameterize does', () => {
  expect(doc('weighted')).toBe('Weighted by 3 from start.');
});

test('a placeholder nothing binds becomes the name in the braces, never a literal {param}', () => {
  expect(doc('scaledTwice')).toBe('Scaled by 2 with offset added (missing is bound by nothing).');
});
