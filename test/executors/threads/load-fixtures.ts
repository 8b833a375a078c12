/**
 * Workers load dataflow classes from the compiled modules the transformer
 * recorded, so these tests use the tspc output in dist/ (built by
 * `npm run build`), not the TypeScript sources ts-jest compiles in memory.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from 'node:path';
import { Builder, RecordResult, type DataflowModule, type Executor } from 'hamilton-ts';

// A computed path: ts-jest would otherwise try to compile the required .js files as TypeScript.
const fromDist = (file: string): unknown => require(path.join(__dirname, '../../../dist', file));

export const { Branches, churn } = fromDist('test/fixtures/threads/branches') as typeof import('../../fixtures/threads/branches');
export const { Chunks } = fromDist('test/fixtures/threads/fan-out') as typeof import('../../fixtures/threads/fan-out');
export const { ArrowTables, arrowTable, WEEK } = fromDist('test/fixtures/threads/arrow-tables') as typeof import('../../fixtures/threads/arrow-tables');
export const { Columns } = fromDist('test/fixtures/threads/columns') as typeof import('../../fixtures/threads/columns');
export const { Failures, LinearModel } = fromDist('test/fixtures/threads/failures') as typeof import('../../fixtures/threads/failures');
export const { WrongKinds } = fromDist('test/fixtures/threads/wrong-kinds') as typeof import('../../fixtures/threads/wrong-kinds');
export const { ParityDecorators } = fromDist('test/fixtures/threads/parity') as typeof import('../../fixtures/threads/parity');
export const { BaseFlow, OverridingFlow } = fromDist('test/fixtures/threads/overrides') as typeof import('../../fixtures/threads/overrides');
export const { Pipes } = fromDist('test/fixtures/threads/pipes') as typeof import('../../fixtures/threads/pipes');
export const { SchemaParity } = fromDist('test/fixtures/threads/schema') as typeof import('../../fixtures/threads/schema');
export const { MarketingSpend } = fromDist('examples/marketing/features') as typeof import('../../../examples/marketing/features');

export const recordDriver = (module: DataflowModule, executor: Executor) =>
  new Builder().withModules(module).withExecutor(executor).withResultBuilder(new RecordResult()).build();
