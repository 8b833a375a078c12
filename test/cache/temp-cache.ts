import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh cache directory per test, removed after the file's tests. */
const made: string[] = [];
export function tempCacheDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-cache-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Collects the cache's warnings instead of printing them. */
export function warnings(): { warn: (message: string) => void; messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => messages.push(message) };
}

/** `{ node: decision }` of the driver's last run, for compact assertions. */
export function decisions(dr: { cache: { logs(): { node: string; decision: string }[] } }): Record<string, string> {
  return Object.fromEntries(dr.cache.logs().map((d) => [d.node, d.decision]));
}
