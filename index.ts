import 'reflect-metadata';

export { dataflow, exclude, type DataflowOptions } from './decorators/dataflow';

export { Builder } from './runtime/builder';
export { Driver, type Config, type DriverOptions, type ExecuteOptions, type ExecutionSummary } from './runtime/driver';
export type { Inputs } from './runtime/run-values';
export type { Variable } from './runtime/variable';
export type { DataflowModule } from './runtime/module-nodes';

export type { Executor } from './runtime/executor';
export { LocalExecutor } from './runtime/local-executor';
export { schedule, SetAsideFailures, type ScheduleOptions } from './runtime/scheduler';
export { InProcessRunner, type NodeRunner } from './runtime/node-runner';
export { graphOf, graphSpecOf, loadModules, type GraphSpec, type ModuleRef } from './runtime/remote/graph-spec';
export { runTask, taskInputNames, type Task } from './runtime/remote/run-task';
export type { FanOut } from './runtime/fan-out';
export { WorkerThreadExecutor, type WorkerThreadOptions } from './runtime/threads/worker-thread-executor';
export { THREAD_TAG, EXECUTOR_TAG, THREAD_EXECUTOR } from './runtime/threads/thread-tag';
export { WorkerThreadError } from './runtime/threads/thread-errors';
export type { ExecutionPlan, Unit } from './runtime/execution-plan';
export { FunctionGraph, type ExternalInput } from './runtime/graph';
export { graphToDot, type DotOptions } from './runtime/graph-dot';
export type { Node, Dependency, NodeOrigin } from './runtime/node';
export { SimpleGraphAdapter, type GraphAdapter } from './runtime/graph-adapter';

export type { ResultBuilder } from './runtime/result-builder';
export { TableResult } from './runtime/table-result';
export { RecordResult } from './runtime/record-result';
export { Matrix, MatrixResult } from './runtime/matrix-result';
export { ArrowResult, type ArrowTable } from './runtime/arrow-result';

export type { Column, Collect, Parallelizable, Table, Scalar, TypedArray } from './runtime/values';
export { formatType, type TypeDescriptor } from './runtime/type-descriptor';
export type { SourceLocation, MethodMetadata, ClassMetadata, ParameterMetadata } from './runtime/node-metadata';
export * as col from './runtime/column-math';

export * from './runtime/errors';

export { config } from './decorators/config';
export { parameterize, parameterizeValues, parameterizeSources, type ParameterizationSpec } from './decorators/parameterize';
export { value, source, group, type DependencySource } from './decorators/dependency-source';
export { extractColumns, MissingColumnError } from './decorators/extract-columns';
export { extractFields, MissingFieldError, type FieldType } from './decorators/extract-fields';
export { tag, type TagValue } from './decorators/tag';
export { resolve } from './decorators/resolve';
export { inject } from './decorators/inject';
export { does } from './decorators/does';
export { subdag, type SubdagOptions } from './decorators/subdag';
export { pipe, pipeOn, step, PipeStep } from './decorators/pipe';
export { STAGES, type NodeExpander, type Stage } from './decorators/expansion';
export { checkOutput, checkOutputCustom, type CheckOptions } from './decorators/check-output';
export type { CheckSpec, DataType, ZodLike } from './runtime/data-quality/builtin-validators';
export type { TableSchema, ColumnSchema } from './runtime/data-quality/table-schema';
export type { Validator, ProfileNeeds } from './runtime/data-quality/validator';
export { ValidationContext } from './runtime/data-quality/validator';
export type { CheckResult, Importance, Verdict } from './runtime/data-quality/check-result';
export { DataQualityReport } from './runtime/data-quality/report';
