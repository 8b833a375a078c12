export type {
  LifecycleAdapter, NodePlace, ValueSummary, GraphConstructedEvent, RunStartEvent, RunEndEvent, NodeStartEvent, NodeEndEvent,
  TaskSubmittedEvent, TaskReturnedEvent, FanOutEvent, NodeCall, NodeFailure, EdgeTypes, InputToValidate,
} from './lifecycle-adapter';
export { LifecycleAdapterError, LifecycleConflictError, LifecycleValidationError, InvalidAdapterError, type ValidationProblem } from './lifecycle-errors';
