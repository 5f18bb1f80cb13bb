// The pure state machine of watchJob$: what one poll's outcome means for the next wait and output.
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import { paceStep, type ProgressTrack } from './progressPace.js'
import type { ResolvedWatchJobOptions } from './watchJobOptions.js'

/** What a watch remembers between two polls. */
export interface WatchState {
  /** The last snapshot a poll returned, if any did. */
  readonly last: BatchJob | undefined
  /** The wait before the next poll, in milliseconds. */
  readonly delayMs: number
  /** The wait the backoff schedule would take next (the paced wait may differ from it). */
  readonly backoffMs: number
  /** Failed polls since the last one that succeeded. */
  readonly consecutiveErrors: number
  /** The progress of the job over the last polls (`pace: 'progress'`, while it runs). */
  readonly track?: ProgressTrack | undefined
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
  return {
    last: undefined,
    delayMs: options.intervalMs,
    backoffMs: options.intervalMs,
    consecutiveErrors: 0,
  }
}

/**
 * The step after a poll at `nowMs` that returned `job`. A status change (or the first snapshot)
 * brings the backoff wait back to `intervalMs`, since more changes tend to follow one; otherwise
 * it grows by `backoff` up to `maxIntervalMs`. Counter changes do not reset it, or a busy job
 * would be polled every `intervalMs` for its whole life. With `pace: 'progress'`, a running job
 * whose counters rise steadily is polled when its end is due instead (see progressPace).
 */
export function stepOnSnapshot(
  state: WatchState,
  job: BatchJob,
  options: ResolvedWatchJobOptions,
  nowMs: number,
): WatchStep {
  const previous = state.last
  const statusChanged = previous === undefined || previous.status !== job.status
  const backoffMs = statusChanged
    ? options.intervalMs
    : Math.min(state.backoffMs * options.backoff, options.maxIntervalMs)
  const terminal = isTerminalStatus(job.status)
  const paced =
    options.pace === 'progress' && job.status === 'RUNNING' && !terminal
      ? paceStep(statusChanged ? undefined : state.track, job, nowMs, {
          floorMs: options.intervalMs,
          ceilingMs: options.maxProgressIntervalMs,
        })
      : undefined
  const changed = statusChanged || countersDiffer(previous, job)
  return {
    state: {
      last: job,
      delayMs: paced?.delayMs ?? backoffMs,
      // once paced, the backoff starts again from the floor: a job past its estimated end is
      // finishing, and its end is near
      backoffMs: paced?.delayMs === undefined ? backoffMs : options.intervalMs,
      consecutiveErrors: 0,
      track: paced?.track,
    },
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
  const grown = Math.min(state.backoffMs * options.backoff, options.maxIntervalMs)
  const delayMs = Math.max(grown, Math.min(retryAfterMs ?? 0, options.maxIntervalMs))
  return {
    state: { ...state, delayMs, backoffMs: grown, consecutiveErrors },
    emit: undefined,
    terminal: false,
  }
}

function countersDiffer(a: BatchJob, b: BatchJob): boolean {
  return (
    a.total_requests !== b.total_requests ||
    a.completed_requests !== b.completed_requests ||
    a.succeeded_requests !== b.succeeded_requests ||
    a.failed_requests !== b.failed_requests
  )
}
