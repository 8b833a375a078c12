#!/usr/bin/env node
import { runCli } from './program';

// exitCode rather than process.exit(): Node then flushes a piped stdout before it exits.
void runCli(process.argv).then((code) => {
  process.exitCode = code;
});
