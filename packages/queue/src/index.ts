// @mistral-batch-rx/queue: a durable batch queue on Postgres for event-driven backends.
export { createBatchQueue, type BatchQueue, type EnqueueOptions, type QueueItem } from './queue.js'
export type { BatchQueueOptions, QueueStore } from './options.js'
export type { QueueEvent } from './worker.js'
export type { QueuedResult } from './delivery.js'
export type { QueueStats } from './store.js'
export type { Queryable, Rows } from './database.js'
export { QueueStoreError, isQueueStoreError, type QueueStoreErrorReason } from './errors.js'
