import * as aq from 'arquero';
import { Builder, ConfigInputConflictError, dataflow, RecordResult } from 'hamilton-ts';

@dataflow()
class Labels {
  label(total: number, unit: string): string {
    return `${total} ${unit}`;
  }
}

describe('config and inputs', () => {
  const dr = new Builder().withModules(Labels).withConfig({ unit: 'lb', region: 'EU' }).withResultBuilder(new RecordResult()).build();

  test('config values fill inputs', async () => {
    expect(await dr.execute(['label'], { inputs: { total: 2 } })).toEqual({ label: '2 lb' });
  });

  test('one name in both is an error naming every such name, as in Hamilton (overrides replace values on purpose)', async () => {
    const request = () => dr.execute(['label'], { inputs: { total: 2, unit: 'kg', region: 'US' } });
    await expect(request()).rejects.toThrow(ConfigInputConflictError);
    await expect(request()).rejects.toThrow("'unit', 'region' are both in the config and in inputs");
    expect(() => dr.validateExecution(['label'], { inputs: aq.table({ total: [2], unit: ['kg'] }) })).toThrow("'unit' is both in the config and in inputs");
  });
});
