// hamilton-ts/distributed: the BullMQ executor and its worker, apart from the main entry so that
// programs that never use Redis never load BullMQ (an optional peer dependency: checked first).
import './require-peers';
export { BullMQExecutor, type BullMQExecutorOptions } from './bullmq-executor';
export type { TaskGrouping } from '../../execution/task-grouping';
export { startWorker, type TaskWorker, type TaskWorkerOptions } from './worker';
export { ModuleNotAllowedError } from './module-allow-list';
export { RedisConnectionError, type RedisConnection } from './redis-connection';
export { ExecutorClosedError, TaskTimeoutError } from './task-queue';
export { encodeValue, decodeValue, ValueCodecError } from './value-codec';
export { StoredValueError } from './value-store';
export type { TaskJob, TaskFailure } from './task-job';
export { MissingPeerDependencyError, DISTRIBUTED_PEERS } from './distributed-peers';
/** The environment to start redis-server with when columns travel through it (jemalloc on huge pages). */
export { REDIS_MEMORY_SETTING } from './redis-memory';
