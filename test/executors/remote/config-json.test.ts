import { RemoteExecutionError } from 'hamilton-ts';
import { decodeConfig, encodeConfig } from '../../../runtime/executors/remote/config-json';

const roundTrip = (config: Record<string, unknown>) => decodeConfig(JSON.parse(JSON.stringify(encodeConfig(config))));

describe('the config workers receive', () => {
  test('is the driver\'s config, numbers JSON cannot hold included', () => {
    const config = { salt: -0, missing: NaN, big: Infinity, small: -Infinity, nested: { list: [1, -0, 'a', null, true] }, plain: 2.5 };
    const received = roundTrip(config);
    expect(received).toEqual(config);
    expect(Object.is(received.salt, -0)).toBe(true);
    expect(Object.is((received.nested as { list: unknown[] }).list[1], -0)).toBe(true);
  });

  test('refuses values JSON would quietly change, naming where they are', () => {
    expect(() => encodeConfig({ window: { start: new Date(0) } })).toThrow(RemoteExecutionError);
    expect(() => encodeConfig({ window: { start: new Date(0) } })).toThrow('config value window.start is a Date, which cannot be sent to workers');
    expect(() => encodeConfig({ lookup: [new Map()] })).toThrow('config value lookup[0] is a Map');
  });
});
