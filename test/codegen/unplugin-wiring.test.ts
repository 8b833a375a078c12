/**
 * The bundler plugin reports the compile-time wiring checks of each file it
 * transforms through the bundler's own context (Vite's this.error /
 * this.warn): the build fails on a wiring mistake as tspc's does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hamiltonPluginFactory, type HamiltonPluginOptions } from '../../runtime/codegen/unplugin/plugin-factory';
import { localProject } from './local-project';

const SPEND = `import { dataflow, type Column } from 'hamilton-ts';

@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number {
    return spend[0];
  }
}
`;

const DRIVER = `import { Builder, type Column } from 'hamilton-ts';
import { Spend } from './spend.js';
import { Centred } from './centred.js';

export const dr = new Builder().withModules(Spend, Centred).build();
`;

const CENTRED = `import { dataflow, type Column } from 'hamilton-ts';

@dataflow()
export class Centred {
  centred(spend: Column<number>, spendMean: Column<number>): Column<number> {
    return spend;
  }
}
`;

interface Reported {
  errors: string[];
  warnings: string[];
}

/** Runs the plugin's transform as a bundler does, with a context whose error throws (as Vite's and Rollup's do). */
function transform(dir: string, file: string, text: string, options: Partial<HamiltonPluginOptions> = {}): Reported & { result: unknown } {
  const plugin = hamiltonPluginFactory({ tsconfig: path.join(dir, 'tsconfig.json'), ...options }, { framework: 'vite', versions: {} }) as unknown as { transform: (this: unknown, code: string, id: string) => unknown };
  const reported: Reported = { errors: [], warnings: [] };
  const context = {
    error: (message: string) => {
      reported.errors.push(message);
      throw new Error(message);
    },
    warn: (message: string) => reported.warnings.push(message),
  };
  let result: unknown;
  try {
    result = plugin.transform.call(context, text, path.join(dir, file));
  } catch {
    result = 'threw';
  }
  return { ...reported, result };
}

describe('the plugin reports the wiring checks', () => {
  let dir: string;
  beforeAll(() => {
    dir = localProject({ 'src/spend.ts': SPEND, 'src/centred.ts': CENTRED, 'src/driver.ts': DRIVER });
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const finding = "src/driver.ts(5,52): error TS91009: Centred.centred (centred.ts:5): parameter 'spendMean' expects Column<number>, but node 'spendMean' of Spend (spend.ts:5) returns number.";

  test('a driver file with a type mismatch across its modules fails the transform, printed as tsc prints it', () => {
    const reported = transform(dir, 'src/driver.ts', DRIVER);
    expect(reported.result).toBe('threw');
    expect(reported.errors).toEqual([`hamilton-ts: wiring checks (README "Compile-time checks"):\n${finding}\n`]);
    // The classes' own files have no finding: they get their registration.
    expect(transform(dir, 'src/centred.ts', CENTRED)).toEqual({ errors: [], warnings: [], result: expect.objectContaining({ code: expect.stringContaining('__hamiltonRegisterGeneratedMetadata(Centred') }) });
  });

  test('wiring: "warn" makes it a warning; // hamilton-ts-ignore turns it off', () => {
    expect(transform(dir, 'src/driver.ts', DRIVER, { wiring: 'warn' })).toEqual({ errors: [], warnings: [expect.stringContaining(finding)], result: null });
    const ignored = DRIVER.replace('export const dr', '// hamilton-ts-ignore 91009\nexport const dr');
    expect(transform(dir, 'src/driver.ts', ignored)).toEqual({ errors: [], warnings: [], result: null });
  });
});
