import { Builder, dataflow, DecoratorError, tag, tagOutputs, extractColumns, type Table } from 'hamilton-ts';
import * as aq from 'arquero';

// Hamilton's tag.validate: values are strings or non-empty lists of distinct strings; keys dotted identifiers.
const build = (module: object) => () => new Builder().withModules(module).build();

describe('@tag refuses what Hamilton refuses', () => {
  test('a number value names the method, where it is, the key and what a tag value is', () => {
    @dataflow()
    class NumberValue {
      @tag({ n: 5 as never })
      b(): number {
        return 1;
      }
    }
    expect(build(NumberValue)).toThrow(DecoratorError);
    expect(build(NumberValue)).toThrow(/^NumberValue\.b: @tag \(at .*tag-validation\.test\.ts:\d+\) gives the tag 'n' a number \(5\): a tag value is a string or a non-empty array of distinct strings/);
  });

  test.each([
    ['an empty key', { '': 'x' }, 'has the tag key ""'],
    ['a key that is no identifier', { 'my-tag': 'x' }, 'has the tag key "my-tag"'],
    ['an empty part between dots', { 'a..b': 'x' }, 'has the tag key "a..b"'],
    ['an empty list', { tier: [] }, "gives the tag 'tier' []"],
    ['a list with a number', { tier: ['a', 1] }, "gives the tag 'tier' [\"a\",1]"],
    ['a list with a duplicate', { tier: ['a', 'a'] }, "gives the tag 'tier' [\"a\",\"a\"]"],
    ['a boolean', { pii: false }, "gives the tag 'pii' a boolean (false)"],
  ])('%s is an error at graph build', (_what, tags, message) => {
    @dataflow()
    class Bad {
      @tag(tags as never)
      b(): number {
        return 1;
      }
    }
    expect(build(Bad)).toThrow(message);
  });

  test('dotted keys, hamilton-ts\'s own hamilton.* keys and lists of strings are fine', () => {
    @dataflow()
    class Good {
      @tag({ 'cache.behavior': 'recompute', 'hamilton.timeoutMs': '500', tier: ['gold', 'silver'], _private: 'x' })
      g(): number {
        return 1;
      }
    }
    expect(build(Good)().listAvailableVariables()[0].tags).toEqual({ 'cache.behavior': 'recompute', 'hamilton.timeoutMs': '500', tier: ['gold', 'silver'], _private: 'x' });
  });

  test('@tagOutputs checks each node\'s tags, naming the node', () => {
    @dataflow()
    class BadOutputs {
      @tagOutputs({ a: { n: 5 as never } })
      @extractColumns('a')
      frame(): Table {
        return aq.table({ a: [1] });
      }
    }
    expect(build(BadOutputs)).toThrow(/^BadOutputs\.frame: @tagOutputs \(at .*:\d+\) for 'a' gives the tag 'n' a number \(5\)/);
  });
});
