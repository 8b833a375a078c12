// npm's `prepare`: runs on `npm install` / `npm ci` here and when a project installs hamilton-ts
// from git (`npm install git+…`), which packs a fresh clone that has no dist/. Build only then:
// in a checkout that has dist/, `npm test`, `npm run example` and `npm pack` (prepack) build anyway,
// so building here too would only double the time of `npm ci && npm test`.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const entries = ['dist/index.js', 'dist/transformer/index.js', 'dist/runtime/cli/main.js'];
const missing = entries.filter((entry) => !fs.existsSync(path.join(root, entry)));
if (missing.length === 0) process.exit(0);

console.log(`hamilton-ts prepare: ${missing.join(', ')} missing: npm run build`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
