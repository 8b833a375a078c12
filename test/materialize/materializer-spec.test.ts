import { configuration, from, RecordResult, RemoteExecutionError, source, TableResult, to, value, type ResultBuilder } from 'hamilton-ts';
import { decodeMaterializer, encodeMaterializer } from '../../runtime/materialize/materializer-spec';

// Workers rebuild the driver's materializers from this JSON: it must give back the same materializers, or refuse.
describe('materializers as JSON for workers', () => {
  test('options (plain, value, source, configuration, NaN) and a built-in combine come back the same', () => {
    const saver = to('memory', { id: 's', dependencies: ['a', 'b'], combine: new TableResult(), key: source('k'), fill: value(Number.NaN), mode: configuration('m'), plain: [1, 'x'] });
    const json = JSON.parse(JSON.stringify(encodeMaterializer(saver)));
    const back = decodeMaterializer(json);
    // value(x) and x mean the same to an adapter: the value travels bare.
    expect(back).toEqual(Object.assign(Object.create(Object.getPrototypeOf(saver)), saver, { options: { ...saver.options, fill: Number.NaN } }));
    expect((back as typeof saver).combine).toBeInstanceOf(TableResult);
    const loader = from.memory({ target: 'raw', key: 'raw' });
    expect(decodeMaterializer(JSON.parse(JSON.stringify(encodeMaterializer(loader))))).toEqual(loader);
  });

  test('a combine of your own, or an option JSON cannot hold, is refused naming the materializer', () => {
    class Mine implements ResultBuilder<unknown> { build(o: Readonly<Record<string, unknown>>) { return o; } }
    expect(() => encodeMaterializer(to.memory({ id: 's', dependencies: ['a', 'b'], combine: new Mine(), key: 'k' }))).toThrow(RemoteExecutionError);
    expect(() => encodeMaterializer(to.memory({ id: 's', dependencies: ['a', 'b'], combine: new Mine(), key: 'k' })))
      .toThrow(/to\.memory 's' cannot be sent to workers: its combine is Mine, but workers rebuild only TableResult, RecordResult/);
    expect(() => encodeMaterializer(to.memory({ id: 's', dependencies: ['a'], key: new Map() as never })))
      .toThrow(/to\.memory 's' cannot be sent to workers: its option key is a Map/);
    expect(encodeMaterializer(to.memory({ id: 's', dependencies: ['a', 'b'], combine: new RecordResult(), key: 'k' })).combine).toBe('RecordResult');
  });
});
