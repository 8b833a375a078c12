import 'reflect-metadata';
import { CLASS_METADATA_KEY, METADATA_VERSION, NODE_METADATA_KEY, type ClassMetadata, type MethodMetadata } from '../../runtime/contract/node-metadata';
import { TypedModule } from '../fixtures/typed-module';

const meta = (method: string) => Reflect.getMetadata(NODE_METADATA_KEY, TypedModule.prototype, method) as MethodMetadata;
const num = { kind: 'number' };

describe('the transformer, as ts-jest runs it', () => {
  test('stamps the class with its version, export name, compiled module path, doc and source', () => {
    const cls = Reflect.getOwnMetadata(CLASS_METADATA_KEY, TypedModule) as ClassMetadata;
    expect(cls).toMatchObject({
      version: METADATA_VERSION,
      className: 'TypedModule',
      exportName: 'TypedModule',
      doc: 'A module exercising every kind of type the transformer describes.',
      source: { file: 'test/fixtures/typed-module.ts', line: 10 },
    });
    expect(cls.modulePath).toMatch(/typed-module\.ts$/);
  });

  test('records parameter names, optionality and defaults', () => {
    expect(meta('scaled').params.map(({ name, optional, hasDefault }) => ({ name, optional, hasDefault }))).toEqual([
      { name: 'values', optional: false, hasDefault: false },
      { name: 'factor', optional: true, hasDefault: true },
      { name: 'offset', optional: true, hasDefault: false },
    ]);
  });

  test('records how to evaluate a method\'s defaults: its parameter list, returning the arguments', () => {
    expect(meta('scaled').withDefaults!.call(undefined, [1], undefined, 5)).toEqual([[1], 2, 5]);
    expect(meta('scaled').withDefaults!.call(undefined, [1], 3)).toEqual([[1], 3, undefined]);
    expect(meta('count').withDefaults).toBeUndefined();
  });

  test('describes Column<T>, scalars, literals, unions and arrays', () => {
    expect(meta('count').params[0].type).toEqual({ kind: 'column', element: { kind: 'string' } });
    expect(meta('count').returns).toEqual(num);
    expect(meta('scaled').params[1].type).toEqual(num);
    expect(meta('scaled').returns).toEqual({ kind: 'column', element: num });
    expect(meta('flags').params.map((p) => p.type)).toEqual([
      num,
      { kind: 'boolean' },
      { kind: 'union', options: [{ kind: 'literal', value: 'fast' }, { kind: 'literal', value: 'slow' }] },
    ]);
    expect(meta('flags').returns).toEqual({ kind: 'array', element: { kind: 'boolean' } });
    expect(meta('lookup').params[1].type).toEqual({ kind: 'union', options: expect.arrayContaining([num, { kind: 'null' }]) });
  });

  test('describes tuples: a type per position, named, optional or followed by a rest', () => {
    const column = { kind: 'column', element: num };
    expect(meta('split').returns).toEqual({ kind: 'tuple', elements: [column, { kind: 'array', element: num }, { kind: 'string' }] });
    expect(meta('pairs').params[0].type).toEqual({ kind: 'tuple', elements: [column], rest: { kind: 'string' } });
    expect(meta('pairs').returns).toEqual({ kind: 'tuple', elements: [num], rest: { kind: 'boolean' } });
    expect(meta('inferred').returns).toEqual({ kind: 'tuple', elements: [num, { kind: 'string' }] });
  });

  test('unwraps Promise<T> on return types', () => {
    expect(meta('later').returns).toEqual({ kind: 'string' });
  });

  test('describes tables, typed arrays, dates, classes, records and unknown', () => {
    expect(meta('table').params[0].type).toEqual({ kind: 'table' });
    expect(meta('table').returns).toEqual({ kind: 'table' });
    expect(meta('model').params[0].type).toEqual({ kind: 'array', typed: 'Float64Array', element: num });
    expect(meta('model').params[1].type).toEqual({ kind: 'date' });
    expect(meta('model').returns).toEqual({ kind: 'object', name: 'FittedModel' });
    expect(meta('summary').returns).toEqual({
      kind: 'record',
      fields: { count: num, label: { kind: 'string' }, extra: { kind: 'union', options: [{ kind: 'undefined' }, num] } },
    });
    expect(meta('lookup').params[0].type).toEqual({ kind: 'record', values: num });
    expect(meta('anything').params[0].type).toEqual({ kind: 'unknown' });
    expect(meta('anything').returns).toEqual({ kind: 'unknown' });
  });

  test('keeps the JSDoc description without its block tags, and the source line', () => {
    expect(meta('count').doc).toBe('A number from a string column.');
    expect(meta('scaled').doc).toBe('Scaled values.');
    expect(meta('count').source).toEqual({ file: 'test/fixtures/typed-module.ts', line: 12 });
    expect(meta('later').doc).toBe('');
  });

  test('leaves private, protected and static methods unstamped', () => {
    expect(meta('hidden')).toBeUndefined();
    expect(meta('alsoHidden')).toBeUndefined();
    expect(Reflect.getMetadata(NODE_METADATA_KEY, TypedModule, 'notANode')).toBeUndefined();
  });
});
