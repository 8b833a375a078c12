#!/usr/bin/env node
import { runCli } from './program';
import { registerWorkerCommand } from './worker-command';
import { registerCacheCommand } from './cache-command';

// exitCode rather than process.exit(): Node then flushes a piped stdout before it exits.
void runCli(process.argv, [registerWorkerCommand, registerCacheCommand]).then((code) => {
  process.exitCode = code;
});
