import {
  AdapterDefinitionError, DuplicateAdapterError, getLoader, getSaver, hasLoader, loaderNames, registerLoader, registerSaver,
  saverNames, unregisterLoader, unregisterSaver, UnknownAdapterError, type DataLoader, type DataSaver,
} from 'hamilton-ts';

const loader = (name: string, value: unknown = 1): DataLoader<{ path: string }> => ({
  name, appliesTo: ['any'], defaults: {}, required: ['path'], load: () => [value, {}],
});
const saver = (name: string): DataSaver<{ path: string }> => ({ name, appliesTo: ['table'], defaults: {}, required: ['path'], save: () => ({}) });

afterEach(() => {
  for (const name of ['mine', 'other']) (unregisterLoader(name), unregisterSaver(name));
});

describe('the adapter registry', () => {
  test('a registered loader and saver are found by name and listed', () => {
    registerLoader(loader('mine'));
    registerSaver(saver('mine'));
    expect(getLoader('mine').name).toBe('mine');
    expect(getSaver('mine').name).toBe('mine');
    expect(loaderNames()).toContain('mine');
    expect(saverNames()).toContain('mine');
    expect(unregisterLoader('mine')).toBe(true);
    expect(hasLoader('mine')).toBe(false);
  });

  test('the built-in adapters are registered', () => {
    expect(loaderNames()).toEqual(expect.arrayContaining(['literal', 'memory', 'environment']));
    expect(saverNames()).toEqual(expect.arrayContaining(['memory']));
  });

  test('registering a taken name throws unless { override: true }, which replaces it', () => {
    registerLoader(loader('mine', 'first'));
    expect(() => registerLoader(loader('mine', 'second'))).toThrow(new DuplicateAdapterError('loader', 'mine'));
    expect(() => registerLoader(loader('mine', 'second'))).toThrow("a loader named 'mine' is already registered: pass { override: true } to replace it");
    registerLoader(loader('mine', 'second'), { override: true });
    expect(getLoader('mine').load({ path: 'x' }, {})).toEqual(['second', {}]);
  });

  test('a built-in is replaced only with { override: true }', () => {
    const builtin = getLoader('literal');
    expect(() => registerLoader({ ...builtin })).toThrow(DuplicateAdapterError);
    registerLoader({ ...builtin, description: 'mine' }, { override: true });
    try {
      expect(getLoader('literal').description).toBe('mine');
    } finally {
      registerLoader(builtin, { override: true });
    }
  });

  test('an unknown name is an UnknownAdapterError naming it, a close name and every registered one', () => {
    registerSaver(saver('mine'));
    let error: unknown;
    try {
      getSaver('mien', 'save_features');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownAdapterError);
    expect(error).toMatchObject({ role: 'saver', adapter: 'mien', node: 'save_features', registered: saverNames() });
    expect((error as Error).message).toBe(`node 'save_features': no saver named 'mien' is registered (did you mean 'mine'?); `
      + `registered savers: ${saverNames().join(', ')}. Register one with registerSaver(…)`);
    expect(() => getLoader('nothing_close')).toThrow(/^no loader named 'nothing_close' is registered; registered loaders: .*literal/);
  });

  test.each([
    ['an empty name', { ...loader('x'), name: '' }, "its name must be a JavaScript identifier"],
    ['a name that is no identifier', { ...loader('x'), name: 'my-csv' }, "its name must be a JavaScript identifier"],
    ['no load function', { ...loader('x'), load: undefined }, 'it has no load(…) function'],
    ['an empty appliesTo', { ...loader('x'), appliesTo: [] }, 'appliesTo must list the kinds of value'],
    ['an option both required and defaulted', { ...loader('x'), defaults: { path: 'a' } }, "option 'path' is both required and given a default"],
  ])('a loader with %s is refused', (_, definition, message) => {
    expect(() => registerLoader(definition as DataLoader<any>)).toThrow(AdapterDefinitionError);
    expect(() => registerLoader(definition as DataLoader<any>)).toThrow(message);
  });
});
