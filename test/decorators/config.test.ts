import { Builder, config, dataflow, DuplicateNodeError, NoMatchingVariantError, RecordResult } from 'hamilton-ts';

@dataflow()
class Classifier {
  @config.when({ clf: 'logistic' })
  prefitClf__logreg(penalty: string): string {
    return `logistic(${penalty})`;
  }

  @config.when({ clf: 'tree' })
  prefitClf__tree(depth = 3): string {
    return `tree(${depth})`;
  }

  fitted(prefitClf: string): string {
    return `fitted ${prefitClf}`;
  }

  @config.whenNot({ env: 'prod' })
  debugInfo(): string {
    return 'debug';
  }

  @config.whenIn({ region: ['EU', 'UK'] })
  @config.whenNotIn({ tier: ['free'] })
  vat(): number {
    return 0.2;
  }
}

const run = (cfg: Record<string, unknown>, outputs: string[], inputs = {}) =>
  new Builder().withModules(Classifier).withConfig(cfg).withResultBuilder(new RecordResult()).build().execute(outputs, { inputs });

describe('@config.when and friends', () => {
  test('the config picks the variant that defines a node; the __suffix is dropped from its name', async () => {
    expect(await run({ clf: 'logistic' }, ['fitted'], { penalty: 'l1' })).toEqual({ fitted: 'fitted logistic(l1)' });
    expect(await run({ clf: 'tree' }, ['fitted'])).toEqual({ fitted: 'fitted tree(3)' });
  });

  test('a variant left out by the config is no node at all', () => {
    const names = new Builder().withModules(Classifier).withConfig({ clf: 'tree' }).build()
      .listAvailableVariables().map((v) => v.name);
    expect(names).toContain('prefitClf');
    expect(names).not.toContain('prefitClf__logreg');
    expect(names).not.toContain('penalty');
  });

  test('whenNot, whenIn and whenNotIn; several conditions on one method must all hold', async () => {
    const names = (cfg: Record<string, unknown>) => new Builder().withModules(Classifier).withConfig(cfg).build()
      .listAvailableVariables().map((v) => v.name);
    expect(names({ env: 'dev' })).toContain('debugInfo');
    expect(names({ env: 'prod' })).not.toContain('debugInfo');
    expect(names({ region: 'UK', tier: 'pro' })).toContain('vat');
    expect(names({ region: 'UK', tier: 'free' })).not.toContain('vat');
    expect(names({ region: 'US', tier: 'pro' })).not.toContain('vat');
  });

  test('a needed node with no matching variant names the config keys that decide it', async () => {
    const error = await run({ clf: 'svm' }, ['fitted']).catch((e: Error) => e);
    expect(error).toBeInstanceOf(NoMatchingVariantError);
    expect((error as Error).message).toBe([
      "node 'prefitClf' is needed, but no variant of it matches the config (clf=\"svm\"):",
      '  - Classifier.prefitClf__logreg needs when(clf="logistic")',
      '  - Classifier.prefitClf__tree needs when(clf="tree")',
    ].join('\n'));
    await expect(run({}, ['prefitClf'])).rejects.toThrow("node 'prefitClf' is needed, but no variant of it matches the config (clf=undefined)");
  });

  test('two variants matching the same config are an error naming both', () => {
    @dataflow()
    class Overlapping {
      @config.when({ mode: 'a' })
      value__first(): number {
        return 1;
      }

      @config.whenNot({ mode: 'b' })
      value__second(): number {
        return 2;
      }
    }
    const build = () => new Builder().withModules(Overlapping).withConfig({ mode: 'a' }).build();
    expect(build).toThrow(DuplicateNodeError);
    expect(build).toThrow(/node 'value' is defined more than once: more than one config variant matches the config:\n {2}- 'value' \(Overlapping\.value__first at test\/decorators\/config\.test\.ts:\d+\) under when\(mode="a"\)\n {2}- 'value' \(Overlapping\.value__second at .*\) under whenNot\(mode="b"\)/);
    expect(new Builder().withModules(Overlapping).withConfig({ mode: 'c' }).build().listAvailableVariables().map((v) => v.name)).toEqual(['value']);
  });
});
