// The options of watchJob$, their defaults, and the key that tells whether two watches can share a loop.
import * as E from 'fp-ts/Either'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'

/** How `watchJob$` polls a job and when it gives up. */
export interface WatchJobOptions {
  /**
   * Wait after the first poll, and after any poll that saw the status change, in milliseconds.
   * @default 1000
   */
  readonly intervalMs?: number
  /**
   * Factor by which the wait grows after each poll that saw no status change (1 keeps it fixed).
   * @default 1.5
   */
  readonly backoff?: number
  /**
   * Upper bound of the wait between two polls, in milliseconds: a job's end is seen within it.
   * @default 30000, or `intervalMs` when that is larger
   */
  readonly maxIntervalMs?: number
  /**
   * `'progress'` times the polls of a running job by its own counters: from the rate at which
   * `completed_requests` rose over the last polls it estimates the job's end and polls near it,
   * waiting at most `maxProgressIntervalMs` while the end is far; flat or jumping counters fall
   * back to the backoff schedule (see docs/watching-and-results.md). `'backoff'` always uses the
   * backoff schedule.
   * @default 'progress'
   */
  readonly pace?: 'progress' | 'backoff'
  /**
   * The longest wait when the counters rise steadily (`pace: 'progress'`). A change of pace that
   * the counters did not foretell (a job that suddenly finishes) is seen within it.
   * @default 120000, or `maxIntervalMs` when that is larger
   */
  readonly maxProgressIntervalMs?: number
  /**
   * `'changes'` emits a snapshot when its status or a request counter differs from the previous
   * one; `'every'` emits every poll. The first and the terminal snapshot are always emitted.
   * @default 'changes'
   */
  readonly emit?: 'changes' | 'every'
  /**
   * Time from subscription after which the watch fails with a `TimeoutError` carrying the last
   * snapshot, if no terminal status was seen by then.
   * @default undefined (no deadline)
   */
  readonly deadlineMs?: number
  /**
   * Failed polls in a row (with a retryable error) that the watch tolerates; one more ends it
   * with that error. 0 ends the watch at the first failure. The polls are the watch's only
   * retries: a failed poll is not retried inside, it waits the next interval (see
   * docs/errors-and-retries.md).
   * @default 10
   */
  readonly maxConsecutiveErrors?: number
}

/** `WatchJobOptions` with every default filled in. */
export type ResolvedWatchJobOptions = Required<Omit<WatchJobOptions, 'deadlineMs'>> & {
  readonly deadlineMs: number | undefined
}

/** The defaults of `WatchJobOptions`. */
export const WATCH_JOB_DEFAULTS = {
  intervalMs: 1000,
  backoff: 1.5,
  maxIntervalMs: 30000,
  pace: 'progress',
  maxProgressIntervalMs: 120_000,
  emit: 'changes',
  deadlineMs: undefined,
  maxConsecutiveErrors: 10,
} as const satisfies ResolvedWatchJobOptions

const WATCH_JOB_KEYS: KnownKeys<WatchJobOptions> = {
  intervalMs: true,
  backoff: true,
  maxIntervalMs: true,
  pace: true,
  maxProgressIntervalMs: true,
  emit: true,
  deadlineMs: true,
  maxConsecutiveErrors: true,
}

/**
 * Fills in the defaults and checks the values, or the `InvalidRequestError` of the first one out
 * of range (a zero or negative interval would poll in a hot loop, one past the longest timer
 * would fire at once) or of an unknown option name.
 */
export function resolveWatchJobOptions(
  options: WatchJobOptions = {},
): E.Either<InvalidRequestError, ResolvedWatchJobOptions> {
  const unknown = unknownKeyError(options, WATCH_JOB_KEYS, 'watch options')
  if (unknown !== undefined) return E.left(watchError(unknown.field ?? 'options', unknown.message))
  const maxIntervalMs =
    options.maxIntervalMs ?? Math.max(WATCH_JOB_DEFAULTS.maxIntervalMs, options.intervalMs ?? 0)
  const value: ResolvedWatchJobOptions = {
    intervalMs: options.intervalMs ?? WATCH_JOB_DEFAULTS.intervalMs,
    backoff: options.backoff ?? WATCH_JOB_DEFAULTS.backoff,
    maxIntervalMs,
    pace: options.pace ?? WATCH_JOB_DEFAULTS.pace,
    maxProgressIntervalMs:
      options.maxProgressIntervalMs ??
      Math.max(WATCH_JOB_DEFAULTS.maxProgressIntervalMs, maxIntervalMs),
    emit: options.emit ?? WATCH_JOB_DEFAULTS.emit,
    deadlineMs: options.deadlineMs ?? WATCH_JOB_DEFAULTS.deadlineMs,
    maxConsecutiveErrors: options.maxConsecutiveErrors ?? WATCH_JOB_DEFAULTS.maxConsecutiveErrors,
  }
  const invalid = findInvalidOption(value)
  return invalid === undefined ? E.right(value) : E.left(watchError(invalid.field, invalid.reason))
}

const watchError = (field: string, reason: string): InvalidRequestError =>
  new InvalidRequestError(`watchJob$: ${reason}`, { field })

function findInvalidOption(
  o: ResolvedWatchJobOptions,
): { field: keyof WatchJobOptions; reason: string } | undefined {
  const interval = durationProblem(o.intervalMs, 'intervalMs', 'positive')
  if (interval !== undefined) return { field: 'intervalMs', reason: interval }
  if (!(Number.isFinite(o.backoff) && o.backoff >= 1)) {
    return { field: 'backoff', reason: `backoff must be a number of at least 1, got ${o.backoff}` }
  }
  const maxInterval = durationProblem(o.maxIntervalMs, 'maxIntervalMs', 'positive')
  if (maxInterval !== undefined) return { field: 'maxIntervalMs', reason: maxInterval }
  if (!(o.maxIntervalMs >= o.intervalMs)) {
    return {
      field: 'maxIntervalMs',
      reason: `maxIntervalMs must be at least intervalMs (${o.intervalMs}), got ${o.maxIntervalMs}`,
    }
  }
  if (o.pace !== 'progress' && o.pace !== 'backoff') {
    return { field: 'pace', reason: `pace must be 'progress' or 'backoff', got ${String(o.pace)}` }
  }
  const maxProgress = durationProblem(o.maxProgressIntervalMs, 'maxProgressIntervalMs', 'positive')
  if (maxProgress !== undefined) return { field: 'maxProgressIntervalMs', reason: maxProgress }
  if (!(o.maxProgressIntervalMs >= o.maxIntervalMs)) {
    return {
      field: 'maxProgressIntervalMs',
      reason: `maxProgressIntervalMs must be at least maxIntervalMs (${o.maxIntervalMs}), got ${o.maxProgressIntervalMs}`,
    }
  }
  if (o.emit !== 'changes' && o.emit !== 'every') {
    return { field: 'emit', reason: `emit must be 'changes' or 'every', got ${String(o.emit)}` }
  }
  const deadline =
    o.deadlineMs === undefined
      ? undefined
      : durationProblem(o.deadlineMs, 'deadlineMs', 'nonNegative')
  if (deadline !== undefined) return { field: 'deadlineMs', reason: deadline }
  if (!(Number.isInteger(o.maxConsecutiveErrors) && o.maxConsecutiveErrors >= 0)) {
    return {
      field: 'maxConsecutiveErrors',
      reason: `maxConsecutiveErrors must be a non-negative integer, got ${o.maxConsecutiveErrors}`,
    }
  }
  return undefined
}

/** A string equal for two option sets exactly when they resolve to the same values. */
export function watchJobOptionsKey(options: ResolvedWatchJobOptions): string {
  return JSON.stringify([
    options.intervalMs,
    options.backoff,
    options.maxIntervalMs,
    options.pace,
    options.maxProgressIntervalMs,
    options.emit,
    options.deadlineMs ?? null,
    options.maxConsecutiveErrors,
  ])
}
