import * as path from 'path';
import type { DataflowModule } from 'hamilton-ts';
import { outputKindCases } from '../../execution/output-kind-cases';
import { workerOnQueue } from './harness';

jest.setTimeout(60_000);

const FIXTURE = path.resolve(__dirname, '../../../dist/test/fixtures/threads/wrong-kinds.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WrongKinds } = require(FIXTURE) as Record<string, DataflowModule>;

const remote = workerOnQueue('kinds', [FIXTURE]);

describe('node results of the wrong kind, computed on BullMQ workers', () => {
  outputKindCases(WrongKinds, remote);
});
