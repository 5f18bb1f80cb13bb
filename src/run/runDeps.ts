// What runBatch$, resumeBatch$ and the client's batcher need from a client: its operations.
import type { Observable } from 'rxjs'
import { cancel$ } from '../batch/jobRequests.js'
import { create$ } from '../batch/create.js'
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
})
