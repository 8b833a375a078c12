/**
 * The decorators in TypeScript's standard (TC39) mode, called as the
 * compiler's __esDecorate calls them: (method, context) before the class
 * exists. Their records land on the prototype that defines the method, in
 * written order, as in legacy mode.
 */
import { dataflow, exclude, tag, config, DecoratorArgumentError } from '../../index';
import { decoratorRecords } from '../../decorators/decorator-record';
import { isExcluded, dataflowOptions } from '../../decorators/dataflow';

const context = (name: string, extra: Partial<ClassMethodDecoratorContext> = {}) => ({
  kind: 'method', name, static: false, private: false, addInitializer: () => {}, metadata: undefined, access: {}, ...extra,
}) as unknown as ClassMethodDecoratorContext;

test('standard method decorators record on the defining prototype, top-down as written; @exclude and @dataflow too', () => {
  function a(this: unknown): number {
    return 1;
  }
  function b(): number {
    return 2;
  }
  // Decorators apply bottom-up: @tag written above @config.when runs second.
  config.when({ region: 'eu' })(a, context('a'));
  tag({ owner: 'x' })(a, context('a'));
  exclude()(b, context('b'));
  class Base {}
  Object.assign(Base.prototype, { a, b });
  const decorated = dataflow({ name: 'M' })(Base, { kind: 'class', name: 'Base', addInitializer: () => {}, metadata: undefined } as unknown as ClassDecoratorContext);
  expect(decorated).toBe(Base);
  expect(dataflowOptions(Base)).toEqual({ name: 'M' });
  expect(decoratorRecords(Base.prototype, 'a').map((r) => r.kind)).toEqual(['tag', 'config']);
  expect(isExcluded(Base.prototype, 'b')).toBe(true);
  expect(isExcluded(Base.prototype, 'a')).toBe(false);
});

test('a standard decorator on a static, private or non-method member is a DecoratorArgumentError naming it', () => {
  const fn = () => 1;
  expect(() => tag({ a: 'b' })(fn, context('f', { static: true }))).toThrow(new DecoratorArgumentError('@tag', "decorates public instance methods; 'f' is static"));
  expect(() => tag({ a: 'b' })(fn, context('#f', { private: true }))).toThrow("decorates public instance methods; '#f' is private");
  expect(() => exclude()(undefined as unknown as Function, { kind: 'field', name: 'x' } as unknown as ClassMethodDecoratorContext))
    .toThrow(new DecoratorArgumentError('@exclude()', "decorates methods, not a field ('x')"));
});
