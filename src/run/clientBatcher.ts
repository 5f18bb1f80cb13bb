// The client's micro-batcher: createBatcher driven by inline batch jobs sent through the client.
import * as E from 'fp-ts/Either'
import {
  concat,
  defer,
  EMPTY,
  last,
  mergeMap,
  type Observable,
  type SchedulerLike,
  take,
  tap,
  throwError,
} from 'rxjs'
import type { BatchJobFields } from '../batch/createBatchJobInput.js'
import { codecsProblem, RESULT_CODEC_KEYS, type ResultCodecs } from '../batch/resultCodecs.js'
import type { ResultLine } from '../batch/resultLine.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import { BatchJobEndedError } from '../errors/BatchJobEndedError.js'
import { checkJobFields } from '../batch/validateCreateRequest.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { createBatcher, type Batcher, type BatcherOptions } from './batcher.js'
import { BATCHER_KEYS } from './batcherOptions.js'
import type { BatcherOutput, BatcherRunJob } from './batcherTypes.js'
import { fireAndForget } from './followJobs.js'
import { randomKey } from './randomKey.js'
import type { RunDeps } from './runDeps.js'

/**
 * Options of `client.batcher`: the jobs to create, how to gather submissions into them, and how
 * to read each result (`body` and `content` type it as `ResultLine<B, C>`).
 */
export interface ClientBatcherOptions<B = unknown, C = never>
  extends BatcherOptions, ResultCodecs<B, C> {
  /**
   * The fields of every job, in the wire's names (`endpoint`, and optionally `model`,
   * `agent_id`, `metadata`, `timeout_hours`): sent as they are with each job's requests.
   */
  readonly job: BatchJobFields
  /** How each job is watched (see `WatchJobOptions`). @default {} */
  readonly watch?: WatchJobOptions
  /**
   * Cancel a job once every submitter of it has unsubscribed (one `cancel$`, sent after the
   * teardown and not awaited). Off by default because a cancel cannot be undone: a service that
   * unsubscribes on a graceful shutdown must not cancel hours of paid work.
   * @default false
   */
  readonly cancelOnUnsubscribe?: boolean
  /** Send an endpoint this client does not know instead of rejecting it. @default false */
  readonly allowUnknownEndpoint?: boolean
}

const CLIENT_BATCHER_KEYS: KnownKeys<ClientBatcherOptions> = {
  job: true,
  watch: true,
  cancelOnUnsubscribe: true,
  allowUnknownEndpoint: true,
  ...BATCHER_KEYS,
  ...RESULT_CODEC_KEYS,
}

/**
 * The results of a finished job keyed by `custom_id` (an answer that did not fit the codecs as
 * its `ResultLineError`), then the job's failure if it did not succeed.
 */
const jobOutputs$ = <B, C>(
  deps: RunDeps<B, C>,
  job: BatchJob,
): Observable<BatcherOutput<ResultLine<B, C>>> =>
  concat(
    deps.results$(job).pipe(
      mergeMap((line): Array<BatcherOutput<ResultLine<B, C>>> => {
        if (E.isRight(line)) {
          const { custom_id } = line.right
          return custom_id === null ? [] : [{ custom_id, value: line.right }]
        }
        // an answer that did not fit the codecs still names its request: its submitter learns why
        const { customId } = line.left
        return typeof customId === 'string' ? [{ custom_id: customId, error: line.left }] : []
      }),
    ),
    job.status === 'SUCCESS' ? EMPTY : throwError(() => new BatchJobEndedError(job)),
  )

/**
 * Runs one batcher job: an inline job created with an idempotency key, watched to its end; emits
 * each readable result line by `custom_id`, then a `BatchJobEndedError` if the job did not succeed.
 */
const inlineJobRunner =
  <B, C>(
    deps: RunDeps<B, C>,
    options: ClientBatcherOptions<B, C>,
  ): BatcherRunJob<ResultLine<B, C>> =>
  (requests) =>
    defer(() => {
      // The last snapshot: the job to cancel, if it still runs when everyone leaves.
      let job: BatchJob | undefined
      const cancelIfRunning = (): void => {
        if (options.cancelOnUnsubscribe !== true || job === undefined) return
        if (!isTerminalStatus(job.status)) fireAndForget(deps.cancel$(job.id))
      }
      return deps
        .create$(
          { ...options.job, requests },
          { idempotencyKey: randomKey(), allowUnknownEndpoint: options.allowUnknownEndpoint },
        )
        .pipe(
          take(1),
          tap((created) => (job = created)),
          mergeMap((created) => deps.watchJob$(created.id, options.watch).pipe(last())),
          tap((finished) => (job = finished)),
          mergeMap((finished) => jobOutputs$(deps, finished)),
          tap({ unsubscribe: cancelIfRunning }),
        )
    })

/** `MistralBatchClient.batcher` on a client's context (documented there). */
export const createClientBatcher = <B, C>(
  deps: RunDeps<B, C>,
  options: ClientBatcherOptions<B, C>,
  scheduler: SchedulerLike,
): Batcher<ResultLine<B, C>> => {
  const unknown =
    unknownKeyError(options, CLIENT_BATCHER_KEYS, 'batcher options') ??
    codecsProblem(options, 'batcher options')
  if (unknown !== undefined) throw unknown
  // every job gets these fields: checked once now, not at each job's create
  const job = checkJobFields(options.job, 'batcher options.job', {
    allowUnknownEndpoint: options.allowUnknownEndpoint === true,
  })
  if (E.isLeft(job)) throw job.left
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix } = options
  const gathering = { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix }
  return createBatcher(inlineJobRunner(deps, options), gathering, scheduler)
}
