import * as fs from 'fs';
import * as path from 'path';

const FIXTURE = path.join(__dirname, 'fixture/src');

/** The fixture's sources (test/codegen/fixture/src), as files of a project: `src/features.ts`, …. */
export function fixtureSources(): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(FIXTURE).map((f) => [`src/${f}`, fs.readFileSync(path.join(FIXTURE, f), 'utf8')]));
}

/** What the fixture's probe prints: its listing, a run's values, the type errors, where the module is. */
export interface Probe {
  variables: { name: string; type: string; doc: string; dependencies: string[]; source?: { file: string; line: number } }[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  modulePath: string | null;
  className: string;
}

export function parseProbe(stdout: string): Probe {
  return JSON.parse(stdout.trim().split('\n').pop()!) as Probe;
}
