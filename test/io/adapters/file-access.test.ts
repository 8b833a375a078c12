import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SaveError, writeAtomically } from 'hamilton-ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-atomic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  test('a write that fails half-way leaves the old file whole and no temporary file', async () => {
    const file = path.join(dir, 'features.csv');
    fs.writeFileSync(file, 'old,complete\n');
    const failing = async (temporary: string) => {
      fs.writeFileSync(temporary, 'new,half');
      throw new Error('disk full');
    };
    await expect(writeAtomically('csv', file, { node: 'save' }, failing)).rejects.toThrow(SaveError);
    await expect(writeAtomically('csv', file, { node: 'save' }, failing)).rejects.toThrow(`node 'save': the csv saver cannot write '${file}': disk full`);
    expect(fs.readFileSync(file, 'utf8')).toBe('old,complete\n');
    expect(fs.readdirSync(dir)).toEqual(['features.csv']);
  });

  test('a complete write replaces the file and returns the bytes written; missing directories are created', async () => {
    const file = path.join(dir, 'a', 'b', 'out.txt');
    expect(await writeAtomically('csv', file, {}, 'hello')).toBe(5);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
  });

  test('a directory that cannot be created is a SaveError naming the path', async () => {
    const blocker = path.join(dir, 'plain-file');
    fs.writeFileSync(blocker, '');
    await expect(writeAtomically('json', path.join(blocker, 'out.json'), {}, '[]'))
      .rejects.toThrow(`the json saver cannot write '${path.join(blocker, 'out.json')}'`);
  });
});
