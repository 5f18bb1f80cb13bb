// The public surface of mistral-batch-rx (browser-safe): an explicit list, grouped by resource.
// Everything not named here is internal and may change in any release.

// The client and its configuration
export {
  createApiClient,
  createClient,
  type ClientInfo,
  type MistralApiClient,
  type MistralBatchClient,
} from './client.js'
export {
  DEFAULT_BASE_URL,
  isLoopbackHost,
  type ClientConfig,
  type FetchLike,
  type RetryJitter,
  type RetryOptions,
} from './config.js'
export type { OperationOptions } from './options/knownKeys.js'
export { VERSION } from './version.js'
export { secretMask, type Redact } from './errors/secretMask.js'

// Batch jobs: client.batch
export type { BatchApi } from './batch/index.js'
export { TIMEOUT_HOURS, MAX_INLINE_REQUESTS } from './batch/validateCreateRequest.js'
export type {
  BatchJobFields,
  BatchRequestInput,
  CreateBatchJobInput,
  CreateBatchJobOptions,
} from './batch/createBatchJobInput.js'
export { IDEMPOTENCY_METADATA_KEY } from './batch/idempotencyKey.js'
export type { GetBatchJobOptions } from './batch/jobRequests.js'
export {
  PAGE_SIZE,
  type ListBatchJobsFilters,
  type ListBatchJobsOptions,
} from './batch/listFilters.js'
export type { WatchJobOptions } from './batch/watchJobOptions.js'
export type { ResultsInclude, ResultsOptions } from './batch/resultsOptions.js'
export type { ResultCodecs } from './batch/resultCodecs.js'
export type {
  DecodedContent,
  FailedResultLine,
  ResultLine,
  ResultLineEither,
  ResultLineInfo,
  SucceededResultLine,
} from './batch/resultLine.js'

// Files: client.files
export type { FilesApi } from './files/index.js'
export type { DownloadOptions, SignedUrlOptions } from './files/fileRequests.js'
export type { ListFilesFilters } from './files/list.js'
export type { ReopenableBytes } from './files/byteStreams.js'
export type { UploadInput } from './files/uploadInput.js'
export type { UploadOptions } from './files/uploadOptions.js'

// Whole runs: client.runBatch$, client.resumeBatch$, client.batcher
export type {
  BatchEvent,
  CompletedEvent,
  CreatedEvent,
  JobCounters,
  ProgressEvent,
  ResultEvent,
  ResultMatch,
  RetryingEvent,
  RunSummary,
  UploadedEvent,
} from './run/BatchEvent.js'
export type { RunRequests } from './jsonl/requestCursor.js'
export {
  isCompletedEvent,
  isCreatedEvent,
  isProgressEvent,
  isResultEvent,
  isUploadedEvent,
} from './run/batchEventGuards.js'
export type { ResumeBatchOptions, RunBatchOptions, RunMode } from './run/runOptions.js'
export type { RunAnswerOptions } from './run/answerOptions.js'
export { ATTEMPT_METADATA_KEY, type RetryFailedOptions } from './run/retryFailed.js'
export type { Batcher, BatcherOptions } from './run/batcher.js'
export type { ClientBatcherOptions } from './run/clientBatcher.js'

// Errors: every failure of the library is a member of MistralBatchError
export {
  BatchJobEndedError,
  DecodeError,
  HttpError,
  InvalidRequestError,
  isBatchJobEndedError,
  isDecodeError,
  isHttpError,
  isInvalidRequestError,
  isMistralBatchError,
  isNetworkError,
  isNoResultError,
  isPaginationError,
  isTimeoutError,
  NetworkError,
  NoResultError,
  PaginationError,
  TimeoutError,
  type HttpErrorInit,
  type InvalidRequestErrorOptions,
  type MistralBatchError,
  type NetworkErrorCause,
  type NetworkErrorInit,
  type NoResultErrorInit,
  type PaginationErrorInit,
  type PaginationStopReason,
  type TimeoutErrorOptions,
} from './errors/index.js'
export {
  RESULT_LINE_EXCERPT_LENGTH,
  ResultLineError,
  type ResultLineErrorReason,
  type ResultSource,
} from './errors/ResultLineError.js'
export { toEither } from './operators/toEither.js'

// Tokens and cost: the usage of result lines, summed per model, priced at the batch rate
export { summarizeUsage } from './operators/summarizeUsage.js'
export { UNKNOWN_MODEL, type UsageCounts, type UsageTotals } from './usage/usageTally.js'
export {
  DEFAULT_BATCH_DISCOUNT,
  type ModelPrice,
  type PriceTable,
  type UsageOptions,
} from './usage/usageOptions.js'
export type { CostEstimate, UsageSummary } from './usage/usageSummary.js'

// The wire contract: io-ts codecs of every request and response, and their types
export { API_ENDPOINTS, ApiEndpoint } from './codecs/ApiEndpoint.js'
export { ApiErrorBody } from './codecs/ApiErrorBody.js'
export { BatchError } from './codecs/BatchError.js'
export { BatchJob } from './codecs/BatchJob.js'
export { decode } from './codecs/decode.js'
export { BatchJobList } from './codecs/BatchJobList.js'
export {
  BATCH_JOB_STATUSES,
  BatchJobStatus,
  isTerminalStatus,
  TERMINAL_STATUSES,
  type TerminalStatus,
} from './codecs/BatchJobStatus.js'
export { BatchRequest } from './codecs/BatchRequest.js'
export { BatchResponse, BatchResult } from './codecs/BatchResult.js'
export { CreateBatchJobRequest } from './codecs/CreateBatchJobRequest.js'
export { DeletedBatchJob } from './codecs/DeletedBatchJob.js'
export { DeletedFile } from './codecs/DeletedFile.js'
export { FileDetail } from './codecs/FileDetail.js'
export { FileList } from './codecs/FileList.js'
export { FileObject } from './codecs/FileObject.js'
export { FILE_PURPOSES, FilePurpose } from './codecs/FilePurpose.js'
export { FILE_SOURCES, FileSource } from './codecs/FileSource.js'
export { FILE_VISIBILITIES, FileVisibility } from './codecs/FileVisibility.js'
export { isFailedResult } from './codecs/isFailedResult.js'
export { isRetryableResult } from './codecs/isRetryableResult.js'
export { SAMPLE_TYPES, SampleType } from './codecs/SampleType.js'
export { SignedUrl } from './codecs/SignedUrl.js'
export { ValidationErrorDetail } from './codecs/ValidationErrorDetail.js'

// Response bodies of the batch endpoints, for `results$(job, { body })`
export {
  AssistantMessage,
  ChatCompletionChoice,
  ChatCompletionResponse,
  DeltaMessage,
  FIMCompletionResponse,
  FINISH_REASONS,
  FinishReason,
  FunctionCall,
  MessageContent,
  ToolCall,
  UsageInfo,
} from './codecs/endpoints/chat.js'
export { EmbeddingResponse, EmbeddingResponseData } from './codecs/endpoints/embeddings.js'
export { ModerationObject, ModerationResponse } from './codecs/endpoints/moderations.js'
export {
  OCR_TABLE_FORMATS,
  OCRConfidenceScore,
  OCRImageObject,
  OCRPageConfidenceScores,
  OCRPageDimensions,
  OCRPageObject,
  OCRResponse,
  OCRTableFormat,
  OCRTableObject,
  OCRUsageInfo,
} from './codecs/endpoints/ocr.js'

// Request bodies of the batch endpoints, checked before anything is sent (`validateBodies`)
export {
  REQUEST_BODY_CODECS,
  type KnownEndpoint,
  type RequestBodyOf,
} from './codecs/requests/requestBodies.js'
export { checkRequestBody } from './jsonl/bodyCheck.js'
export { ChatCompletionRequest, FIMCompletionRequest } from './codecs/requests/chat.js'
export { EmbeddingRequest } from './codecs/requests/embeddings.js'
export {
  ChatClassificationRequest,
  ChatModerationRequest,
  ClassificationRequest,
  InstructRequest,
} from './codecs/requests/classifications.js'
export { OCRRequest } from './codecs/requests/ocr.js'
export { ConversationRequest } from './codecs/requests/conversations.js'
export { AudioTranscriptionRequest } from './codecs/requests/audio.js'
export {
  AssistantRequestMessage,
  AudioChunk,
  ChatRequestMessage,
  ContentChunk,
  DocumentURLChunk,
  FileChunk,
  ImageURLChunk,
  ReferenceChunk,
  SystemMessage,
  TextChunk,
  ThinkChunk,
  ToolMessage,
  UserMessage,
} from './codecs/requests/messages.js'
export { RequestTool, ResponseFormat, Tool, ToolChoice } from './codecs/requests/tools.js'
export {
  chatClassificationRequest,
  chatModerationRequest,
  chatRequest,
  classificationRequest,
  conversationRequest,
  embeddingRequest,
  fimRequest,
  moderationRequest,
  ocrRequest,
  transcriptionRequest,
  type TypedBatchRequest,
} from './batch/requestBuilders.js'
