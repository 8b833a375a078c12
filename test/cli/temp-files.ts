import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A temporary folder for the enclosing describe (or file), removed after it:
 * `write(name, data)` puts a file there and returns its path.
 */
export function tempFiles(prefix: string): { write: (name: string, data: string | Uint8Array) => string; dir: () => string } {
  let tmp = '';
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return {
    dir: () => tmp,
    write: (name, data) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, data);
      return file;
    },
  };
}
