// What runBatch$, resumeBatch$ and the client's batcher need from a client: its operations.
import { filter, take, type Observable } from 'rxjs'
import { cancel$ } from '../batch/jobRequests.js'
import { create$ } from '../batch/create.js'
import { IDEMPOTENCY_METADATA_KEY } from '../batch/idempotencyKey.js'
import { list$ } from '../batch/list.js'
import type { CreateBatchJobInput, CreateBatchJobOptions } from '../batch/createBatchJobInput.js'
import { codecsOf, type ResultCodecs } from '../batch/resultCodecs.js'
import type { ResultLineEither } from '../batch/resultLine.js'
import { results$ } from '../batch/results.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { FileObject } from '../codecs/FileObject.js'
import { delete$ as deleteFile$ } from '../files/fileRequests.js'
import { uploadContent$ } from '../files/upload.js'
import type { StreamedContent } from '../files/uploadContent.js'
import type { UploadOptions } from '../files/uploadOptions.js'
import type { HttpContext } from '../http/HttpContext.js'
import { storedLines$ } from './storedLines.js'

/**
 * The operations a run is made of; a client binds them to its context, its job watcher and the
 * codecs that read the results as `B` and `C`.
 */
export interface RunDeps<B = unknown, C = never> {
  /** Uploads one input file, its JSONL content as the request pipeline encodes it. */
  readonly upload$: (content: StreamedContent, options: UploadOptions) => Observable<FileObject>
  /** Deletes a file (`files.delete$`): the clean-up of a file no job was created for. */
  readonly deleteFile$: (fileId: string) => Observable<unknown>
  /** Creates a job (`create$`). */
  readonly create$: (
    request: CreateBatchJobInput,
    options?: CreateBatchJobOptions,
  ) => Observable<BatchJob>
  /** Cancels a job (`cancel$`). */
  readonly cancel$: (jobId: string) => Observable<unknown>
  /** Watches a job to its end (the client's shared `watchJob$`). */
  readonly watchJob$: (jobId: string, options?: WatchJobOptions) => Observable<BatchJob>
  /** Streams the results of a finished job (`results$` with the run's codecs). */
  readonly results$: (job: BatchJob) => Observable<ResultLineEither<B, C>>
  /** The lines of a stored file (a job's input read back; `null` for a line over the cap). */
  readonly storedLines$: (fileId: string, maxLineLength: number) => Observable<string | null>
  /** The job whose metadata carries the idempotency key `key`, if there is one (else empty). */
  readonly findJob$: (key: string) => Observable<BatchJob>
}

/**
 * The operations of `ctx`, watching jobs through `watchJob$` (the client's shared watcher) and
 * reading results with `codecs` (checked by the run before any result is read).
 */
export const runDepsFor = <B = unknown, C = never>(
  ctx: HttpContext,
  watchJob$: RunDeps['watchJob$'],
  codecs?: ResultCodecs<B, C>,
): RunDeps<B, C> => ({
  upload$: (content, options) => uploadContent$(ctx, content, options),
  deleteFile$: (fileId) => deleteFile$(ctx, fileId),
  create$: (request, options) => create$(ctx, request, options),
  cancel$: (jobId) => cancel$(ctx, jobId),
  watchJob$,
  results$: (job) => results$(ctx, job, codecsOf(codecs)),
  storedLines$: (fileId, maxLineLength) => storedLines$(ctx, fileId, maxLineLength),
  // the server's filter is not trusted alone: each job listed is checked too
  findJob$: (key) =>
    list$(ctx, { metadata: { [IDEMPOTENCY_METADATA_KEY]: key } }).pipe(
      filter((job) => job.metadata?.[IDEMPOTENCY_METADATA_KEY] === key),
      take(1),
    ),
})
