import { Builder, config, configuration, dataflow, DecoratorArgumentError, does, extractFields, HamiltonError, resolve, source, step, OutputTypeError } from 'hamilton-ts';

/** Arguments a decorator or source cannot take are refused where they are written, as HamiltonErrors naming the decorator. */
test.each([
  ['@config', () => config(5 as never), '@config takes a function from the config to true or false, got a number (5)'],
  ['configuration()', () => configuration(''), 'configuration() takes a config key (a non-empty string), got'],
  ['source()', () => source(undefined as never), 'source() takes a node name (a non-empty string), got undefined'],
  ['@resolve', () => resolve('x' as never), '@resolve takes a function from the config to decorators, got a string (x)'],
  ['@does', () => does(42 as never), '@does takes the function that computes the node, got a number (42)'],
  ['step()', () => step(null as never), 'step() takes the function to apply, got null'],
])('%s refuses a bad argument', (_, write, message) => {
  let thrown: unknown;
  try {
    write();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DecoratorArgumentError);
  expect(thrown).toBeInstanceOf(HamiltonError);
  expect((thrown as Error).message).toContain(message);
});

test('@extractFields on a method that returns no record: an OutputTypeError naming the node, not a TypeError', async () => {
  @dataflow()
  class NoRecord {
    @extractFields({ a: 'number' })
    fields(): Record<string, number> {
      return 7 as never;
    }
  }
  const error = await new Builder().withModules(NoRecord).build().execute(['a']).catch((e: Error) => e);
  const cause = (error as Error & { cause: unknown }).cause;
  expect(cause).toBeInstanceOf(OutputTypeError);
  expect((cause as Error).message).toContain("'fields' must return Record<string, unknown> for @extractFields, but it returned a number (7). A record is a plain object of fields.");
});
