import type { Executor } from '../execution/executor';
import { LocalExecutor } from '../execution/local-executor';
import type { ResultBuilder } from '../results/result-builder';
import { TableResult } from '../results/table-result';
import type { Table } from '../values/values';

/** The seed's graph adapter: how nodes run (an executor) and what a run returns (a result builder). */
export interface GraphAdapter<R = unknown> {
  readonly executor: Executor;
  readonly resultBuilder: ResultBuilder<R>;
}

/** In-process execution with a result builder of your choice: the seed's `SimplePythonGraphAdapter`. */
export class SimpleGraphAdapter<R = Table> implements GraphAdapter<R> {
  constructor(
    readonly resultBuilder: ResultBuilder<R> = new TableResult() as unknown as ResultBuilder<R>,
    readonly executor: Executor = new LocalExecutor(),
  ) {}
}
