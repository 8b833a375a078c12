// Imported first by hamilton-ts/distributed and by the worker, before anything that imports
// BullMQ or ioredis: a missing peer is then one error saying what to install, not Node's
// "Cannot find module 'bullmq'" from deep inside.
import { checkDistributedPeers } from './distributed-peers';

checkDistributedPeers('hamilton-ts/distributed (BullMQExecutor, `hamilton-ts worker`)');
