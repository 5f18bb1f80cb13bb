// The pure state machine of watchJob$: what one poll's outcome means for the next wait and output.
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import type { ResolvedWatchJobOptions } from './watchJobOptions.js'

/** What a watch remembers between two polls. */
export interface WatchState {
  /** The last snapshot a poll returned, if any did. */
  readonly last: BatchJob | undefined
  /** The wait before the next poll, in milliseconds. */
  readonly delayMs: number
  /** Failed polls since the last one that succeeded. */
  readonly consecutiveErrors: number
}

/** The outcome of one poll: the state for the next, and the snapshot to emit if there is one. */
export interface WatchStep {
  readonly state: WatchState
  readonly emit: BatchJob | undefined
  /** True once a terminal snapshot was seen: the watch ends after emitting it. */
  readonly terminal: boolean
}

/** The state before the first poll. */
export function initialWatchState(options: ResolvedWatchJobOptions): WatchState {
  return { last: undefined, delayMs: options.intervalMs, consecutiveErrors: 0 }
}

/**
 * The step after a poll that returned `job`. A status change (or the first snapshot) brings the
 * wait back to `intervalMs`, since more changes tend to follow one; otherwise it grows by `backoff`
 * up to `maxIntervalMs`. Counter changes are emitted but do not reset the wait, or a busy job
 * would be polled every `intervalMs` for its whole life.
 */
export function stepOnSnapshot(
  state: WatchState,
  job: BatchJob,
  options: ResolvedWatchJobOptions,
): WatchStep {
  const previous = state.last
  const statusChanged = previous === undefined || previous.status !== job.status
  const delayMs = statusChanged
    ? options.intervalMs
    : Math.min(state.delayMs * options.backoff, options.maxIntervalMs)
  const terminal = isTerminalStatus(job.status)
  const changed = statusChanged || countersDiffer(previous, job)
  return {
    state: { last: job, delayMs, consecutiveErrors: 0 },
    emit: changed || terminal || options.emit === 'every' ? job : undefined,
    terminal,
  }
}

/**
 * The step after a poll that failed with a retryable error: the wait grows as if the job had not
 * changed, and lasts at least what the server asked for (`retryAfterMs`, up to `maxIntervalMs`);
 * `undefined` when this failure is one more than `maxConsecutiveErrors` allows.
 */
export function stepOnRetryableError(
  state: WatchState,
  options: ResolvedWatchJobOptions,
  retryAfterMs: number | undefined,
): WatchStep | undefined {
  const consecutiveErrors = state.consecutiveErrors + 1
  if (consecutiveErrors > options.maxConsecutiveErrors) return undefined
  const grown = Math.min(state.delayMs * options.backoff, options.maxIntervalMs)
  const delayMs = Math.max(grown, Math.min(retryAfterMs ?? 0, options.maxIntervalMs))
  return { state: { ...state, delayMs, consecutiveErrors }, emit: undefined, terminal: false }
}

function countersDiffer(a: BatchJob, b: BatchJob): boolean {
  return (
    a.total_requests !== b.total_requests ||
    a.completed_requests !== b.completed_requests ||
    a.succeeded_requests !== b.succeeded_requests ||
    a.failed_requests !== b.failed_requests
  )
}
