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
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { bodyCodecFor, bodyError } from '../jsonl/bodyCheck.js'
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
  /**
   * Check each submitted body against the request codec of `job.endpoint`
   * (`ChatCompletionRequest`, ...): `submit$` of a body that does not fit errors with an
   * `InvalidRequestError` naming the path, and the body never joins a job. `false` sends the
   * bodies unchecked; an endpoint this client does not know is never checked.
   * @default true
   */
  readonly validateBodies?: boolean
}

const CLIENT_BATCHER_KEYS: KnownKeys<ClientBatcherOptions> = {
  job: true,
  watch: true,
  cancelOnUnsubscribe: true,
  allowUnknownEndpoint: true,
  validateBodies: true,
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
          {
            idempotencyKey: randomKey(),
            allowUnknownEndpoint: options.allowUnknownEndpoint,
            // each body was checked at its submit$ (or is sent unchecked on purpose)
            validateBodies: false,
          },
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
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix, validateBodies } = options
  if (validateBodies !== undefined && typeof validateBodies !== 'boolean') {
    throw new InvalidRequestError('validateBodies must be true or false', {
      field: 'validateBodies',
    })
  }
  const gathering = { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix }
  const batcher = createBatcher(inlineJobRunner(deps, options), gathering, scheduler)
  return checkingBodies(batcher, job.right.endpoint, validateBodies)
}

/** `batcher`, its `submit$` refusing a body that does not fit the codec of `endpoint`. */
const checkingBodies = <R>(
  batcher: Batcher<R>,
  endpoint: string,
  validateBodies: boolean | undefined,
): Batcher<R> => {
  const codec = bodyCodecFor(endpoint, validateBodies)
  if (codec === undefined) return batcher
  return {
    submit$: (body) =>
      defer(() => {
        const refused = bodyError(codec, endpoint, body, 'submit$', '')
        return refused === undefined ? batcher.submit$(body) : throwError(() => refused)
      }),
    flush: batcher.flush,
    close: batcher.close,
  }
}
