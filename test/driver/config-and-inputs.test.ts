import * as aq from 'arquero';
import { Builder, ConfigInputConflictError, dataflow, MissingInputsError, RecordResult } from 'hamilton-ts';

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

@dataflow()
class Totals {
  total(x: number): number {
    return x * 10;
  }

  label(total: number, unit: string, suffix?: string): string {
    return `${total} ${unit}${suffix ?? ''}`;
  }

  padded(label: string, width = 2): string {
    return label.padStart(width);
  }
}

describe('inputs and config as outputs', () => {
  const dr = new Builder().withModules(Totals).withConfig({ unit: 'kg', region: 'EU' }).withResultBuilder(new RecordResult()).build();

  test('an input or config value no node uses comes back as given', async () => {
    const extra = { any: 'object' };
    const result = await dr.execute(['label', 'extra', 'region', 'unit'], { inputs: { x: 1, extra } });
    expect(result).toEqual({ label: '10 kg', extra, region: 'EU', unit: 'kg' });
    expect(result.extra).toBe(extra);
    const fromTable = await dr.execute(['spare'], { inputs: aq.table({ spare: [1, 2] }) });
    expect(Array.from(fromTable.spare as number[])).toEqual([1, 2]);
    expect(dr.validateExecution(['label', 'extra', 'region'], { inputs: { x: 1, extra } })).toEqual({
      nodesToCompute: ['total', 'label'], valuesRead: ['x', 'unit', 'extra', 'region'],
    });
  });

  test('a config that is no record of values is refused (null was taken as no config, an array as keys 0, 1, ...)', () => {
    for (const [config, got] of [[null, 'null'], [[1, 2], 'an array'], ['EU', 'a string']] as const) {
      expect(() => new Builder().withModules(Totals).withConfig(config as never)).toThrow(new RegExp(`^Builder\\.withConfig\\(config\\): config must be a record of values \\(\\{ name: value \\}\\), but got ${got}`));
    }
  });

  test('a name given by nobody is still unknown', async () => {
    await expect(dr.execute(['regoin'], { inputs: { x: 1 } })).rejects.toThrow("requested name is not in the dataflow: 'regoin' (did you mean 'region'?)");
  });

  test('a config value named as a node replaces the node, whose dependencies are then not needed', async () => {
    const replaced = new Builder().withModules(Totals).withConfig({ unit: 'kg', total: 7 }).withResultBuilder(new RecordResult()).build();
    expect(await replaced.execute(['label', 'total'])).toEqual({ label: '7 kg', total: 7 });
    expect(replaced.validateExecution(['label']).nodesToCompute).toEqual(['label']);
    // An override still wins, on purpose.
    expect(await replaced.execute(['label'], { overrides: { total: 8 } })).toEqual({ label: '8 kg' });
  });

  test('a requested input nobody provided is a MissingInputsError that says it was requested, optional or not', async () => {
    const optional = await dr.execute(['suffix'], { inputs: { x: 1 } }).catch((e: unknown) => e);
    expect(optional).toBeInstanceOf(MissingInputsError);
    expect((optional as MissingInputsError).missing).toEqual([{ name: 'suffix', neededBy: [], requested: true }]);
    expect((optional as Error).message).toBe("1 input is missing:\n  - 'suffix', requested as an output, and no value was provided for this input"
      + '\nPass them in `inputs` (a record, or an Arquero table whose columns are inputs) or in the config.');
    // A required input requested alone is not called optional (it was).
    const required = await dr.execute(['x']).catch((e: Error) => e);
    expect((required as Error).message).toMatch(/^1 input is missing:\n  - 'x', requested as an output, and no value was provided for this input\n/);
    await expect(dr.execute(['label', 'x'])).rejects.toThrow("  - 'x', requested as an output and needed by 'total' (Totals.total at");
    await expect(dr.execute(['x', 'label'])).rejects.toThrow("  - 'x', requested as an output and needed by 'total' (Totals.total at");
    // Provided, it comes back; not requested, the method's own default applies.
    expect(await dr.execute(['suffix', 'padded'], { inputs: { x: 1, suffix: '!' } })).toEqual({ suffix: '!', padded: '10 kg!' });
  });
});
