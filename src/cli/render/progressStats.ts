// Progress of a job as the CLI shows it: counters from snapshots, plus rate and ETA over wall time.
import type { JobCounters } from '../../index.js'

/**
 * The counters of a job (or of several jobs added up) at one moment, and its status (for several
 * jobs, each of their statuses).
 */
export interface ProgressSnapshot extends JobCounters {
  readonly status: string
}

/** A snapshot with its throughput and the time it should take to finish, when measurable. */
export interface ProgressReading extends ProgressSnapshot {
  /** Requests processed per second since the job was first seen running. */
  readonly ratePerSecond: number | undefined
  readonly etaSeconds: number | undefined
}

/** Whether two snapshots show the same status and counters. */
export const sameProgress = (a: ProgressSnapshot, b: ProgressSnapshot): boolean =>
  a.status === b.status &&
  a.total_requests === b.total_requests &&
  a.completed_requests === b.completed_requests &&
  a.succeeded_requests === b.succeeded_requests &&
  a.failed_requests === b.failed_requests

/**
 * Measures throughput from successive snapshots. The rate counts from the first snapshot seen
 * running (or the first with any progress), so time spent queued does not drag it down.
 */
export class ProgressRate {
  #origin: { readonly at: number; readonly completed: number } | undefined

  constructor(private readonly now: () => number = Date.now) {}

  /** The reading of `snapshot` taken now. */
  read(snapshot: ProgressSnapshot): ProgressReading {
    const at = this.now()
    const { status, total_requests: total, completed_requests: completed } = snapshot
    if (this.#origin === undefined && (status === 'RUNNING' || completed > 0)) {
      this.#origin = { at, completed }
    }
    const origin = this.#origin
    const seconds = origin === undefined ? 0 : (at - origin.at) / 1000
    const done = origin === undefined ? 0 : completed - origin.completed
    const ratePerSecond = seconds > 0 && done > 0 ? done / seconds : undefined
    const etaSeconds =
      ratePerSecond === undefined || total === 0
        ? undefined
        : Math.max(0, total - completed) / ratePerSecond
    return { ...snapshot, ratePerSecond, etaSeconds }
  }
}
