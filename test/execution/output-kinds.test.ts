import { LocalExecutor } from 'hamilton-ts';
import { WrongKinds } from '../fixtures/threads/wrong-kinds';
import { outputKindCases } from './output-kind-cases';

describe('node results of the wrong kind, on the local executor', () => {
  outputKindCases(WrongKinds, () => new LocalExecutor());
});
