// The events of runBatch$ and resumeBatch$: a whole batch run as one tagged union.
import type { Either } from 'fp-ts/Either'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { FileObject } from '../codecs/FileObject.js'
import type { ResultLine } from '../batch/resultLine.js'
import type { ResultLineError } from '../errors/ResultLineError.js'
import type { UsageSummary } from '../usage/usageSummary.js'
import type { UsageTotals } from '../usage/usageTally.js'

/** The request counters of one job, or their sums across the jobs of a sharded run. */
export interface JobCounters {
  /** Requests the server accepted (0 until it has validated the input). */
  readonly total_requests: number
  /** Requests processed so far. */
  readonly completed_requests: number
  /** Processed requests that succeeded. */
  readonly succeeded_requests: number
  /** Processed requests that failed. */
  readonly failed_requests: number
}

/** An input file of one shard was uploaded (file mode only). */
export interface UploadedEvent {
  readonly type: 'uploaded'
  /** The shard the file holds, from 0, in input order. */
  readonly shard: number
  /** The stored file. */
  readonly file: FileObject
  /** The requests in the file. */
  readonly requests: number
}

/**
 * The job of one shard was created. Every job of a round is created after the whole input of the
 * round was read and checked, so the last `created` event's `jobIds` are all the jobs so far:
 * persist them (after each `created` event) to call `resumeBatch$` after a crash. A run of more
 * than `maxPendingRequests` requests creates its later jobs as earlier ones end.
 */
export interface CreatedEvent {
  readonly type: 'created'
  /** The round the job belongs to: 1, or the attempt of a `retryFailed` round. */
  readonly attempt: number
  /** The shard the job runs, from 0 in each round. */
  readonly shard: number
  /** The job as created (`QUEUED`). */
  readonly job: BatchJob
  /** The ids of the run's jobs created so far, every round's, in round and shard order. */
  readonly jobIds: ReadonlyArray<string>
  /** How many jobs the round has in all. */
  readonly shards: number
}

/**
 * A `retryFailed` round starts: the requests of the round before whose result failed
 * retryably, or that got none, are sent again. Its `created` events follow.
 */
export interface RetryingEvent {
  readonly type: 'retrying'
  /** The attempt the round makes, from 2. */
  readonly attempt: number
  /** The requests sent again. */
  readonly requests: number
}

/** A job changed (status or a counter), as its watcher saw it. */
export interface ProgressEvent {
  readonly type: 'progress'
  /** The shard of the job. */
  readonly shard: number
  /** The job's new snapshot. */
  readonly job: BatchJob
  /** The counters summed over the latest snapshot of every job of the run (of every round). */
  readonly totals: JobCounters
  /** The usage of the result lines streamed so far (of the jobs that have ended). */
  readonly usage: UsageTotals
}

/** How a result line relates to the requests of the run. */
export type ResultMatch =
  /**
   * The first result for a request the run sent (or, ids unknown, the first with its id); with
   * `retryFailed`, the first of the request's last attempt, so each request has one at most.
   */
  | 'first'
  /** Another result for a `custom_id` that already had one. */
  | 'duplicate'
  /** A result whose `custom_id` the run never sent. */
  | 'unexpected'
  /**
   * A line that could not be read (a `Left`) far enough to know its `custom_id`. A `Left` whose
   * answer did not fit the `body` or `content` codec names its request: it is matched as above.
   */
  | 'unreadable'

/**
 * One result line of a job, joined with the request it answers; `B` and `C` are the types the
 * run's `body` and `content` codecs decode to.
 */
export interface ResultEvent<B = unknown, C = never> {
  readonly type: 'result'
  /** The shard of the job the line came from. */
  readonly shard: number
  /** The id of the job the line came from. */
  readonly jobId: string
  /** The round of that job, from 1: the attempt this line answers (always 1 without retries). */
  readonly attempt: number
  /** The result's `custom_id` (null for a line without one, or one that could not be read). */
  readonly custom_id: string | null
  /** The position of the answered request in the input, from 0, when known. */
  readonly index: number | undefined
  /** How the line relates to the requests sent. */
  readonly match: ResultMatch
  /** The decoded line, or why it could not be read. */
  readonly result: Either<ResultLineError, ResultLine<B, C>>
}

/**
 * The outcome of a run: the counts from the custom_ids, and the `usage` summed from the succeeded
 * lines as they streamed (no body is kept), with its `estimatedCost` given prices.
 */
export interface RunSummary extends UsageSummary {
  /** Requests sent (resumeBatch$ without expected ids: the jobs' `total_requests`). */
  readonly total: number
  /** Result lines received, of every kind. */
  readonly received: number
  /**
   * Requests whose first result (of their last attempt, with `retryFailed`) succeeded (and fit
   * the `body` and `content` codecs).
   */
  readonly succeeded: number
  /**
   * Requests whose first result (of their last attempt, with `retryFailed`) failed (`error` set
   * or a non-2xx status).
   */
  readonly failed: number
  /**
   * Lines that could not be read (`Left`s), answers that did not fit the `body` or `content`
   * codec included (those are matched to their request, so they are not `missing`).
   */
  readonly unreadable: number
  /** The custom_ids sent that got no result, in input order (empty when the ids are unknown). */
  readonly missing: ReadonlyArray<string>
  /** The custom_ids of results the run never sent (null for a result without one). */
  readonly unexpected: ReadonlyArray<string | null>
  /** The custom_ids that got more than one result. */
  readonly duplicates: ReadonlyArray<string>
  /** Whether the sent custom_ids were known, so that `missing` and `unexpected` mean something. */
  readonly idsKnown: boolean
  /** With `retryFailed`: the requests sent more than once. */
  readonly retried?: number
  /** With `retryFailed`: the requests sent, summed over the rounds (`total` plus every resend). */
  readonly attempts?: number
}

/** Every job reached its end and every result was streamed. */
export interface CompletedEvent {
  readonly type: 'completed'
  /** The terminal snapshot of each job, in round and shard order. */
  readonly jobs: ReadonlyArray<BatchJob>
  /** What came back, request by request. */
  readonly summary: RunSummary
}

/** One event of a batch run; switch on `type` (or filter with `isResultEvent`, ...). */
export type BatchEvent<B = unknown, C = never> =
  UploadedEvent | CreatedEvent | RetryingEvent | ProgressEvent | ResultEvent<B, C> | CompletedEvent
