// The client's micro-batcher: createBatcher driven by inline batch jobs sent through the client.
import * as E from 'fp-ts/Either'
import {
  concat,
  defer,
  EMPTY,
  filter,
  last,
  map,
  mergeMap,
  type Observable,
  type SchedulerLike,
  take,
  tap,
  throwError,
} from 'rxjs'
import type { ResultLine } from '../batch/resultLine.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import type { ApiEndpoint } from '../codecs/ApiEndpoint.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import { createBatcher, type Batcher, type BatcherOptions } from './batcher.js'
import { BATCHER_KEYS } from './batcherOptions.js'
import type { BatcherOutput, BatcherRunJob } from './batcherTypes.js'
import { BatchJobEndedError } from '../errors/BatchJobEndedError.js'
import { fireAndForget } from './followJobs.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { randomKey } from './randomKey.js'
import type { RunDeps } from './runDeps.js'

/** Options of `client.batcher`: the jobs to create, and how to gather submissions into them. */
export interface ClientBatcherOptions extends BatcherOptions {
  /** The endpoint every submission targets, e.g. `'/v1/chat/completions'`. */
  readonly endpoint: ApiEndpoint
  /** The model; may be left out when every body names one. */
  readonly model?: string
  /** An agent to run the requests with, instead of a model. */
  readonly agentId?: string
  /** Labels stored with every job. */
  readonly metadata?: Readonly<Record<string, string>>
  /** Hours after which a job stops with `TIMEOUT_EXCEEDED`, 1..168. @default 24 */
  readonly timeoutHours?: number
  /** How each job is watched (see `WatchJobOptions`). @default {} */
  readonly watch?: WatchJobOptions
  /**
   * Cancel a job once every submitter of it has unsubscribed (nobody waits for its results).
   * @default true
   */
  readonly cancelAbandonedJobs?: boolean
  /** Send an endpoint this client does not know instead of rejecting it. @default false */
  readonly allowUnknownEndpoint?: boolean
}

const CLIENT_BATCHER_KEYS: KnownKeys<ClientBatcherOptions> = {
  endpoint: true,
  model: true,
  agentId: true,
  metadata: true,
  timeoutHours: true,
  watch: true,
  cancelAbandonedJobs: true,
  allowUnknownEndpoint: true,
  ...BATCHER_KEYS,
}

/**
 * The job runner of the client's batcher: creates an inline job with the requests (with an
 * idempotency key, so a retried create never runs them twice), watches it to its end and emits
 * each result line that could be read, keyed by its `custom_id` (failed requests too: the
 * submitter reads `failed`). A line that cannot be read has no id to route it: it is dropped,
 * and its submitter gets the batcher's "no result" error. A job that ends without succeeding
 * delivers the results it has, then errors the rest with a `BatchJobEndedError`. Unsubscribed
 * before the end (every submitter gone), it cancels the job unless `cancelAbandonedJobs` is false.
 */
export const inlineJobRunner =
  (deps: RunDeps, options: ClientBatcherOptions): BatcherRunJob<ResultLine> =>
  (requests) =>
    defer(() => {
      let job: BatchJob | undefined
      const outputs$ = (finished: BatchJob): Observable<BatcherOutput<ResultLine>> =>
        concat(
          deps.results$(finished).pipe(
            filter(E.isRight),
            map((line) => line.right),
            filter(
              (result): result is ResultLine & { custom_id: string } => result.custom_id !== null,
            ),
            map((value) => ({ custom_id: value.custom_id, value })),
          ),
          finished.status === 'SUCCESS'
            ? EMPTY
            : throwError(() => new BatchJobEndedError(finished)),
        )
      return deps
        .create$(
          {
            endpoint: options.endpoint,
            requests,
            ...(options.model === undefined ? {} : { model: options.model }),
            ...(options.agentId === undefined ? {} : { agent_id: options.agentId }),
            ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
            ...(options.timeoutHours === undefined ? {} : { timeout_hours: options.timeoutHours }),
          },
          {
            idempotencyKey: randomKey(),
            ...(options.allowUnknownEndpoint === undefined
              ? {}
              : { allowUnknownEndpoint: options.allowUnknownEndpoint }),
          },
        )
        .pipe(
          take(1),
          tap((created) => (job = created)),
          mergeMap((created) => deps.watchJob$(created.id, options.watch).pipe(last())),
          tap((finished) => (job = finished)),
          mergeMap(outputs$),
          tap({
            unsubscribe: () => {
              if (options.cancelAbandonedJobs === false) return
              if (job !== undefined && !isTerminalStatus(job.status))
                fireAndForget(deps.cancel$(job.id))
            },
          }),
        )
    })

/**
 * A micro-batcher (see `createBatcher`) whose jobs are inline batch jobs run through `deps`:
 * `submit$(body)` emits the `ResultLine` of that one request, then completes.
 */
export const createClientBatcher = (
  deps: RunDeps,
  options: ClientBatcherOptions,
  scheduler: SchedulerLike,
): Batcher<ResultLine> => {
  const unknown = unknownKeyError(options, CLIENT_BATCHER_KEYS, 'batcher options')
  if (unknown !== undefined) throw unknown
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix } = options
  return createBatcher(
    inlineJobRunner(deps, options),
    {
      ...(maxBatchSize === undefined ? {} : { maxBatchSize }),
      ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
      ...(maxConcurrentJobs === undefined ? {} : { maxConcurrentJobs }),
      ...(idPrefix === undefined ? {} : { idPrefix }),
    },
    scheduler,
  )
}
