import 'reflect-metadata';

export { dataflow, exclude, type DataflowOptions } from './decorators/dataflow';

export { Builder } from './runtime/driver/builder';
export { Driver, type Config, type DriverOptions, type ExecuteOptions, type ExecutionSummary } from './runtime/driver/driver';
export type { DataflowTypes, DataflowTypeDeclaration, Dynamic, NodesOf, InputsOf, NodeName, ValueOf, OutputsOf } from './runtime/driver/typed-nodes';
export { InvalidRequestError } from './runtime/driver/request-error';
export { codeVersion, type ExecutionExport, type ExportedNode, type ProvidedBy } from './runtime/driver/export-execution';
export type { Inputs } from './runtime/execution/run-values';
export type { Variable } from './runtime/graph/variable';
export type { DataflowModule } from './runtime/graph/module-nodes';

export type { Executor } from './runtime/execution/executor';
export { LocalExecutor } from './runtime/execution/local-executor';
export { schedule, SetAsideFailures, type ScheduleOptions } from './runtime/execution/scheduler';
export { TIMEOUT_TAG, timeoutTag } from './runtime/execution/node-timeout';
export { OWN_TASK_TAG, TASK_TAG, TASK_GROUPINGS, type TaskGrouping } from './runtime/execution/task-grouping';
export { InProcessRunner, type NodeRunner, type TaskReport } from './runtime/execution/node-runner';
export { graphOf, graphSpecOf, loadModules, type GraphSpec, type ModuleRef } from './runtime/executors/remote/graph-spec';
export { runTask, taskInputNames, type Task } from './runtime/executors/remote/run-task';
export type { FanOut } from './runtime/execution/fan-out';
export { WorkerThreadExecutor, type WorkerThreadOptions } from './runtime/executors/threads/worker-thread-executor';
export { THREAD_TAG, EXECUTOR_TAG, THREAD_EXECUTOR } from './runtime/executors/threads/thread-tag';
export { WorkerThreadError } from './runtime/executors/threads/thread-errors';
export { MissingPeerDependencyError } from './runtime/executors/distributed/distributed-peers';
export { registerGeneratedMetadata, GeneratedMetadataOutOfDateError, GenerateError, type GeneratedEntry, type GeneratedModuleLocation } from './runtime/codegen';
export { toSharedColumn } from './runtime/executors/threads/shared-columns';
export type { ExecutionPlan, Unit } from './runtime/execution/execution-plan';
export { FunctionGraph, type ExternalInput } from './runtime/graph/graph';
export { graphToDot, type DotOptions } from './runtime/viz/graph-dot';
export {
  viewToDot, viewToMermaid, viewOf, executionView, drawPicture, dotToSvg, svgToPng,
  PictureOptionError, PictureRenderError, PictureWriteError, NoPathError,
  type DrawnNode, type DrawnEdge, type DrawnKind, type GraphView, type NodeStyle, type StyleFunction, type PictureOptions,
  type PictureFormat, type Orientation, type Picture, type MermaidOptions,
} from './runtime/viz';
export {
  RunReport, ReportOptionError, ReportWriteError, digestValue, INDEX_FILE,
  type RunReportOptions, type ValueDigest, type NumberStats, type RunRecord, type NodeRecord, type NodeStatus, type RunFailure, type IndexEntry,
} from './runtime/report';
export type { Node, Dependency, NodeOrigin } from './runtime/graph/node';
export { SimpleGraphAdapter, type GraphAdapter } from './runtime/driver/graph-adapter';
export * from './runtime/lifecycle';

export type { ResultBuilder } from './runtime/results/result-builder';
export { TableResult } from './runtime/results/table-result';
export { RecordResult } from './runtime/results/record-result';
export { Matrix, MatrixResult } from './runtime/results/matrix-result';
export { ArrowResult, type ArrowTable } from './runtime/results/arrow-result';

export type { Column, Collect, Parallelizable, Table, Scalar, TypedArray } from './runtime/values/values';
export { columnArray } from './runtime/values/values';
export { formatType, type TypeDescriptor } from './runtime/contract/type-descriptor';
export type { SourceLocation, MethodMetadata, ClassMetadata, ParameterMetadata } from './runtime/contract/node-metadata';
export * as col from './runtime/values/column-math';

export * from './runtime/errors';
export { FileFormatError, FileValueError, TableEncodeError, type FileFormat, type FileLocation, type FileProblem } from './runtime/io';

export { config, type ConfigOptions } from './decorators/config';
export { parameterize, parameterizeValues, parameterizeSources, type ParameterizationSpec } from './decorators/parameterize';
export {
  parameterizeExtractColumns, parameterizedExtract, ColumnCountError, type ParameterizedExtract, type ParameterizeExtractOptions,
} from './decorators/parameterize-extract-columns';
export { value, source, group, configuration, type DependencySource } from './decorators/dependency-source';
export { schema, OutputSchemaError } from './decorators/schema';
export { withColumns, type WithColumnsOptions } from './decorators/with-columns';
export { SCHEMA_OUTPUT_TAG } from './runtime/graph/output-schema';
export { extractColumns, ColumnElementError, MissingColumnError, type ColumnSpec, type ColumnType, type ExtractColumnsOptions } from './decorators/extract-columns';
export { extractFields, MissingFieldError, type FieldType, type ExtractFieldsOptions } from './decorators/extract-fields';
export { unpackFields, MissingTupleElementError } from './decorators/unpack-fields';
export { tag, tagOutputs, type TagOptions, type TagValue } from './decorators/tag';
export { ALL_NODES, type NodeTarget } from './decorators/node-targets';
export { resolve } from './decorators/resolve';
export { inject } from './decorators/inject';
export { does } from './decorators/does';
export { subdag, type SubdagOptions } from './decorators/subdag';
export { parameterizedSubdag, type SubdagParameterization } from './decorators/parameterized-subdag';
export { pipe, pipeOn, step, PipeStep } from './decorators/pipe';
export { pipeOutput, type PipeOutputOptions } from './decorators/pipe-output';
export type { PipeDecoratorOptions, StepNamespace } from './decorators/pipe-step';
export { mutate, applyTo } from './decorators/mutate';
export { STAGES, type NodeExpander, type Stage } from './decorators/expansion';
export { checkOutput, checkOutputCustom, type CheckOptions } from './decorators/check-output';
export type { CheckSpec, DataType, ZodLike, TableSchema, ColumnSchema } from './runtime/data-quality/check-spec';
export type { Validator, ProfileNeeds } from './runtime/data-quality/validator';
export { ValidationContext } from './runtime/data-quality/validator';
export type { CheckResult, Importance, Verdict } from './runtime/data-quality/check-result';
export { DataQualityReport } from './runtime/data-quality/report';

export {
  registerLoader, registerSaver, unregisterLoader, unregisterSaver, getLoader, getSaver, hasLoader, hasSaver, loaderNames, saverNames,
  runLoader, runSaver, resolveOptions, optionNames, handlesValue, schemaMismatch, tableSummary, writeAtomically, memoryStore, closeDuckDB,
  AdapterDefinitionError, AdapterOptionError, AdapterValueError, ColumnTypeError, DuplicateAdapterError, LoadError, SaveError, UnknownAdapterError,
  type RegisterOptions, type AdapterContext, type AdapterDefinition, type AdapterFacts, type AdapterMetadata, type AdapterRole,
  type AdapterValueKind, type ColumnSummary, type DataLoader, type DataSaver, type LoadMetadata, type SaveMetadata,
  type MemoryOptions, type LiteralOptions, type EnvironmentOptions, type EnvironmentParse,
  type CsvLoadOptions, type CsvSaveOptions, type JsonLoadOptions, type JsonSaveOptions, type JsonOrient, type ArrowLoadOptions,
  type ArrowSaveOptions, type ArrowFormat, type ParquetLoadOptions, type ParquetSaveOptions, type DuckDBLoadOptions,
  type DuckDBSaveOptions, type DuckDBSaveMode, type SqlParameters,
} from './runtime/io/adapters';

export { loadFrom, type LoadFrom, type LoadFromOptions } from './decorators/load-from';
export { saveTo, type SaveTo, type SaveToOptions } from './decorators/save-to';
export { dataloader, datasaver } from './decorators/data-loader';
export type { OptionBinding, BindableOptions } from './runtime/io/nodes/adapter-bindings';
export type { LoaderOptionTypes, SaverOptionTypes, SurfaceOptions } from './runtime/io/nodes/adapter-option-types';
export { AdapterResultError } from './runtime/io/nodes/io-node-errors';
export {
  LOADER_TAG, LOADER_SOURCE_TAG, LOADER_HAS_METADATA_TAG, LOADER_NODE_TAG, LOADER_CLASSNAME_TAG, SAVER_TAG, SAVER_SINK_TAG, SAVER_CLASSNAME_TAG,
} from './runtime/io/nodes/io-tags';
export { from, to, LoaderMaterializer, SaverMaterializer, type Materializer, type FromOptions, type ToOptions, type From, type To } from './runtime/materialize/materializer';
export { MaterializerError } from './runtime/materialize/materializer-errors';
export type { MaterializeOptions, MaterializeResult } from './runtime/materialize/materialize';
// Caching (Hamilton's with_cache / @cache)
export { cache, type CacheDecoratorOptions } from './decorators/cache';
export {
  DriverCache, CacheFormatError, CacheNotEnabledError, CacheOptionError, CACHE_BEHAVIORS, CACHE_BEHAVIOR_TAG, CACHE_FORMAT_TAG,
  DATA_LOADER_TAG, DATA_SAVER_TAG, RESULT_FORMATS, dataVersion, nodeCodeVersion,
  type CacheOptions, type CacheBehavior, type NodeSelection, type CacheDecision, type CacheDecisionKind, type CacheEntry, type ResultFormat,
} from './runtime/cache';
/** The one memory setting (`GLIBC_TUNABLES`) the processes hamilton-ts starts run with: give it to the processes you start yourself. */
export { MEMORY_SETTING } from './runtime/cli/memory-tunables';
