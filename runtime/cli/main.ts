#!/usr/bin/env node
import { relaunchWithHugePages } from './huge-pages';

// First, before loading anything heavy: the process that relaunches itself with huge pages only waits.
if (!relaunchWithHugePages()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require('./program') as typeof import('./program');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerWorkerCommand } = require('./worker-command') as typeof import('./worker-command');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerCacheCommand } = require('./cache-command') as typeof import('./cache-command');
  // exitCode rather than process.exit(): Node then flushes a piped stdout before it exits.
  void runCli(process.argv, [registerWorkerCommand, registerCacheCommand]).then((code) => {
    process.exitCode = code;
  });
}
