// The public surface of mistral-batch-rx (browser-safe): re-exports only.
export * from './codecs/index.js'
export * from './errors/index.js'
export {
  DEFAULT_BASE_URL,
  type ClientConfig,
  type FetchLike,
  type RetryJitter,
  type RetryOptions,
} from './config.js'
export { createClient, type ClientInfo, type MistralBatchClient } from './client.js'
export {
  IDEMPOTENCY_METADATA_KEY,
  MAX_INLINE_REQUESTS,
  PAGE_SIZE,
  RESULT_LINE_EXCERPT_LENGTH,
  ResultLineError,
  TIMEOUT_HOURS,
  type BatchApi,
  type BatchRequestInput,
  type CreateBatchJobInput,
  type CreateBatchJobOptions,
  type GetBatchJobOptions,
  type JobRequestOptions,
  type ListBatchJobsFilters,
  type ListBatchJobsOptions,
  type FailedResultLine,
  type ResultLine,
  type ResultLineEither,
  type ResultLineErrorReason,
  type ResultLineInfo,
  type ResultsInclude,
  type ResultsOptions,
  type ResultSource,
  type SucceededResultLine,
  type WatchJobOptions,
} from './batch/index.js'
export type {
  DeleteFileOptions,
  DownloadOptions,
  FilesApi,
  GetFileOptions,
  ListFilesFilters,
  ReopenableBytes,
  SignedUrlOptions,
  UploadInput,
  UploadOptions,
} from './files/index.js'
export {
  BATCHER_DEFAULTS,
  RUN_BATCH_DEFAULTS,
  type BatchEvent,
  type Batcher,
  type BatcherOptions,
  type ClientBatcherOptions,
  type CompletedEvent,
  type CreatedEvent,
  type JobCounters,
  type ProgressEvent,
  type ResultEvent,
  type ResultMatch,
  type ResumeBatchOptions,
  type RunBatchOptions,
  type RunMode,
  type RunRequests,
  type RunSummary,
  type UploadedEvent,
} from './run/index.js'
export { toEither } from './operators/toEither.js'
export { VERSION } from './version.js'
