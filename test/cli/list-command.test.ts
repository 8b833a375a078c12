import { cli } from './run-cli';

jest.setTimeout(30_000);

describe('hamilton-ts list', () => {
  test('every node and input with type, source location, tags and doc, one a line', async () => {
    const { status, stdout, stderr } = await cli(['list', '--module', 'dist/examples/marketing/features.js']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+type\s+source\s+tags\s+doc$/);
    expect(lines).toHaveLength(10);
    expect(lines.find((l) => l.startsWith('spendMean '))).toMatch(/^spendMean\s+number\s+examples\/marketing\/features\.ts:18\s+A scalar: the mean of the whole spend column\.$/);
    expect(lines.find((l) => l.startsWith('acquisitionCost.check '))).toContain('hamilton.dataQuality=validator');
    expect(lines.find((l) => l.startsWith('signups '))).toMatch(/^signups\s+Column<number>\s+input$/);
  });

  test('--tag selects by tag, --format json gives every field', async () => {
    const { status, stdout } = await cli(['list', '--module', 'dist/examples/quality/features.js', '--tag', 'hamilton.dataQuality=validator', '--format', 'json']);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout) as { name: string; tags: Record<string, string>; source: { file: string; line: number }; isExternalInput: boolean }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.name).toMatch(/\.check\d*$/);
      expect(row.tags['hamilton.dataQuality']).toBe('validator');
      expect(row.source.file).toBe('examples/quality/features.ts');
      expect(row.isExternalInput).toBe(false);
    }
  });

  test('a --tag without a key is a usage error', async () => {
    const { status, stderr } = await cli(['list', '--module', 'dist/examples/marketing/features.js', '--tag', '=x']);
    expect(status).toBe(2);
    expect(stderr).toContain("expected key=value or key, got '=x'");
  });
});
