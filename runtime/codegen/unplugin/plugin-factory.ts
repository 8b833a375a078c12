import type { UnpluginFactory } from 'unplugin';
import { ProjectAnalyser } from './project-analyser';
import { registrationCode } from './registration-code';

export interface HamiltonPluginOptions {
  /** The project's tsconfig.json (default: the nearest one from the working directory up). */
  tsconfig?: string;
  /**
   * How the compile-time wiring checks' findings reach the bundler: `'error'`
   * (default: the build fails, as tspc's and `hamilton-ts generate`'s do) or
   * `'warn'`. The tsconfig's plugin entry (`ignore`, `checkWiring`) and
   * `// hamilton-ts-ignore` turn them off as under tspc.
   */
  wiring?: 'error' | 'warn';
}

/** Files that may hold a dataflow class or a driver whose modules are written out. */
const MAY_HAVE_FINDINGS = /dataflow|withModules|new Driver\b/;

const SCRIPT = /\.[cm]?tsx?$/;

/**
 * The same analysis as `hamilton-ts generate`, run by the bundler on each
 * TypeScript file it loads (before its own TypeScript transform): every
 * `@dataflow()` class gets the transformer's metadata, with no separate step.
 */
export const hamiltonPluginFactory: UnpluginFactory<HamiltonPluginOptions | undefined> = (options = {}) => {
  let analyser: ProjectAnalyser | undefined;
  return {
    name: 'hamilton-ts',
    enforce: 'pre',
    transformInclude: (id) => SCRIPT.test(id.split('?')[0]) && !id.includes('/node_modules/') && !id.endsWith('.d.ts'),
    transform(code, id) {
      if (!MAY_HAVE_FINDINGS.test(code)) return null;
      analyser ??= new ProjectAnalyser(options.tsconfig);
      const file = id.split('?')[0];
      const findings = analyser.wiringDiagnostics(file, code);
      if (findings.length > 0) {
        const message = `hamilton-ts: wiring checks (README "Compile-time checks"):\n${analyser.format(findings)}`;
        if (options.wiring === 'warn') this.warn(message);
        else this.error(message);
      }
      if (!code.includes('dataflow')) return null;
      const appended = registrationCode(analyser, file, code);
      return appended ? { code: code + appended, map: null } : null;
    },
  };
};
