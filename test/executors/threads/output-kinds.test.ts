import { WorkerThreadExecutor } from 'hamilton-ts';
import { outputKindCases } from '../../execution/output-kind-cases';
import { WrongKinds } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

describe('node results of the wrong kind, computed on worker threads', () => {
  outputKindCases(WrongKinds, () => all);
});
