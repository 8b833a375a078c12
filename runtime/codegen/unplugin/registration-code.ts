import * as path from 'path';
import { compiledExtension, registrationStatement } from '../generated-module';
import type { ProjectAnalyser } from './project-analyser';

const REGISTER = '__hamiltonRegisterGeneratedMetadata';
const SCRIPT = /\.[cm]?tsx?$/;

/**
 * The registration code for one file's dataflow classes, appended to the file
 * itself: it names each class as the file does (exported or not), so no
 * import can miss, and a minifier renames both ends alike.
 */
export function registrationCode(analyser: ProjectAnalyser, id: string, code: string): string | undefined {
  const classes = analyser.analyse(id, code).filter((c) => c.className !== 'default');
  if (classes.length === 0) return undefined;
  const base = `./${path.basename(id)}`;
  const location = `{ from: import.meta.url, source: '${base}', compiled: '${base.replace(SCRIPT, compiledExtension(id))}' }`;
  return [
    '',
    `import { registerGeneratedMetadata as ${REGISTER} } from 'hamilton-ts';`,
    ...classes.map((c) => registrationStatement(c.className, c, location, REGISTER)),
    '',
  ].join('\n');
}

