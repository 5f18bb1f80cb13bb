// The run layer: runBatch$, resumeBatch$ and the micro-batcher, with their events and options.
export type {
  BatchEvent,
  CompletedEvent,
  CreatedEvent,
  JobCounters,
  ProgressEvent,
  ResultEvent,
  ResultMatch,
  RunSummary,
  UploadedEvent,
} from './BatchEvent.js'
export {
  BATCHER_DEFAULTS,
  createBatcher,
  type Batcher,
  type BatcherOptions,
  type BatcherOutput,
  type BatcherRequest,
  type BatcherRunJob,
} from './batcher.js'
export { createClientBatcher, inlineJobRunner, type ClientBatcherOptions } from './clientBatcher.js'
export { resumeBatch$ } from './resumeBatch.js'
export { runBatch$, type RunRequests } from './runBatch.js'
export { runDepsFor, type RunDeps } from './runDeps.js'
export {
  RUN_BATCH_DEFAULTS,
  type ResumeBatchOptions,
  type RunBatchOptions,
  type RunMode,
} from './runOptions.js'
