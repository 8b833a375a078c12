import * as path from 'path';
import { assertBuilt, assertRedisInstalled } from '../executors/distributed/harness';
import { runExample } from './run-example';

test('the scaling example runs the marketing dataflow on all three executors with identical output', () => {
  assertBuilt();
  assertRedisInstalled();
  const script = path.resolve(__dirname, '../../dist/examples/scaling/run.js');
  const env = { ...process.env };
  delete env.REDIS_URL; // the example starts its own loopback Redis and workers
  // Three executors, Redis and two workers started from scratch: about 15 s on an idle machine, several times that on a loaded one.
  const output = runExample(script, { env, timeoutMs: 240_000 });
  expect(output).toMatch(/local \(in-process\) +\d+ ms/);
  expect(output).toMatch(/worker threads \(Piscina\) +\d+ ms/);
  expect(output).toMatch(/BullMQ on Redis \(2 workers\) +\d+ ms/);
  expect(output).toContain('identical output on all three executors');
}, 270_000);
