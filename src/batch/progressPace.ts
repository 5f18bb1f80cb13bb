// Polls timed by a job's own progress: from how fast `completed_requests` rose over the last
// polls, when the job will end, and so when to poll next. Pure: the watch passes the clock.
import type { BatchJob } from '../codecs/BatchJob.js'

/** A job's progress as one poll saw it. */
interface Mark {
  readonly atMs: number
  readonly completed: number
}

/** What the pacer remembers: the start of the current steady stretch, and the last poll. */
export interface ProgressTrack {
  /** The first poll of the stretch over which the counters rose at a steady rate. */
  readonly anchor: Mark
  /** The last poll. */
  readonly last: Mark
  /** The job's `total_requests` over the stretch (a change starts a new one). */
  readonly total: number
  /** Polls in a row, in the stretch, that each saw the counters rise as foretold. */
  readonly steady: number
}

/** The pacer's verdict: its memory for the next poll, and the wait it asks for (if it trusts it). */
export interface PaceStep {
  readonly track: ProgressTrack | undefined
  /** The wait to the next poll, or undefined: use the backoff schedule. */
  readonly delayMs: number | undefined
}

/** Bounds of the paced wait: never below the floor, never beyond the ceiling. */
export interface PaceBounds {
  readonly floorMs: number
  readonly ceilingMs: number
}

/**
 * A rise this many times larger, or smaller, than the rate so far foretold is a jump: the
 * stretch starts again, and the backoff schedule times the polls until it is steady.
 */
const JUMP_FACTOR = 3
/** Steady intervals needed before the estimate times the polls. */
const STEADY_INTERVALS = 2

const fresh = (mark: Mark, total: number): PaceStep => ({
  track: { anchor: mark, last: mark, total, steady: 0 },
  delayMs: undefined,
})

/**
 * The step of the pacer after a poll at `nowMs` that saw `job` running. It waits for two
 * intervals in a row in which `completed_requests` rose at about the rate of the stretch so
 * far; then the end is estimated at that rate, less one request's time (the counter moves in
 * whole requests, so the end may come that much sooner), and the next poll is set just after it
 * (half a floor later), or at the ceiling when the end is further. Within a floor of the end the
 * backoff schedule takes over, from the floor. Counters that stand still, jump, or a changed
 * total start the stretch again, and meanwhile the backoff schedule decides.
 */
export function paceStep(
  track: ProgressTrack | undefined,
  job: BatchJob,
  nowMs: number,
  bounds: PaceBounds,
): PaceStep {
  const mark: Mark = { atMs: nowMs, completed: job.completed_requests }
  const total = job.total_requests
  if (total <= 0) return { track: undefined, delayMs: undefined }
  if (track === undefined || track.total !== total || nowMs <= track.last.atMs) {
    return fresh(mark, total)
  }
  const advance = mark.completed - track.last.completed
  if (advance <= 0) return fresh(mark, total)
  let steady = track.steady + 1
  let anchor = track.anchor
  if (track.last.atMs > anchor.atMs) {
    const rateSoFar = (track.last.completed - anchor.completed) / (track.last.atMs - anchor.atMs)
    const foretold = rateSoFar * (nowMs - track.last.atMs)
    if (!(advance <= foretold * JUMP_FACTOR && advance * JUMP_FACTOR >= foretold)) {
      // a new stretch from the last poll: this interval is its first
      anchor = track.last
      steady = 1
    }
  }
  const next: ProgressTrack = { anchor, last: mark, total, steady }
  if (steady < STEADY_INTERVALS) return { track: next, delayMs: undefined }
  const rate = (mark.completed - anchor.completed) / (nowMs - anchor.atMs)
  // the counter moves in whole requests: the end may come up to one request's time before the
  // estimate, so the poll aims at that earliest moment, and the backoff takes over from there
  const stepMs = 1 / rate
  const earliestMs = Math.max(0, total - mark.completed) / rate - stepMs
  if (earliestMs <= bounds.floorMs) return { track: next, delayMs: undefined }
  const delayMs = Math.min(bounds.ceilingMs, earliestMs + bounds.floorMs / 2)
  return { track: next, delayMs }
}
