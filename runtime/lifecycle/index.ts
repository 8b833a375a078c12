export type {
  LifecycleAdapter, NodePlace, ValueSummary, GraphConstructedEvent, RunStartEvent, RunEndEvent, NodeStartEvent, NodeEndEvent,
  TaskSubmittedEvent, TaskReturnedEvent, FanOutEvent, NodeCall, NodeFailure, EdgeTypes, InputToValidate,
} from './lifecycle-adapter';
export { LifecycleAdapterError, LifecycleConflictError, LifecycleValidationError, InvalidAdapterError, type ValidationProblem } from './lifecycle-errors';
export { ProgressBar, type ProgressBarOptions } from './progress-bar';
export { ConsoleLogger, type ConsoleLoggerOptions, type NodeFilter } from './console-logger';
export { TypeChecker, NodeTypeCheckError } from './type-checker';
export { GracefulErrors, type GracefulErrorsOptions, type GracefulRun } from './graceful-errors';
// OpenTelemetryTracer: `hamilton-ts/tracing`, for its optional peer @opentelemetry/api.
