import * as fs from 'fs';
import * as path from 'path';
import { compilerApi, generateFromProgram, outFileOf, readProject, type Generated } from './generate';

export interface Watcher {
  close(): void;
}

/**
 * `hamilton-ts generate --watch`: TypeScript's own watch program over the
 * project; after each rebuild the module is rendered again and written when
 * its text changed (so writing it, inside the project, settles after one round).
 */
export function watchProject(
  project: string, out: string | undefined, onWrite: (generated: Generated) => void,
  onDiagnostics: (generated: Generated) => void, onError: (error: Error) => void,
): Watcher {
  const ts = compilerApi();
  const configFile = path.resolve(project);
  const outFile = outFileOf(readProject(ts, project), project, out);
  const root = path.dirname(configFile);
  const system: typeof ts.sys = { ...ts.sys, getCurrentDirectory: () => root };
  const host = ts.createWatchCompilerHost(configFile, { noEmit: true }, system, ts.createSemanticDiagnosticsBuilderProgram, () => {}, () => {});
  let reported = '';
  host.afterProgramCreate = (builder) => {
    try {
      const generated = generateFromProgram(ts, builder.getProgram(), outFile);
      // New findings, whether or not the module changed; not again for the round writing the module starts.
      const findings = generated.diagnostics.map((d) => `${d.file?.fileName}:${d.start}:${d.code}`).join('\n');
      if (findings !== reported && findings !== '') onDiagnostics(generated);
      reported = findings;
      let wrote = false;
      for (const [file, text] of [[outFile, generated.text], [generated.declarations.outFile, generated.declarations.text]]) {
        if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
        fs.writeFileSync(file, text);
        wrote = true;
      }
      if (wrote) onWrite(generated);
    } catch (error) {
      // A half-edited file must not end the watch: say so, and wait for the next change.
      onError(error as Error);
    }
  };
  const program = ts.createWatchProgram(host);
  return { close: () => program.close() };
}
