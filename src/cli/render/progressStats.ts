// Progress of a job as the CLI shows it: counters from snapshots, plus rate and ETA over wall time.
import type { BatchJob } from '../../index.js'

/** The counters of a job (or of several jobs added up) at one moment. */
export interface ProgressSnapshot {
  /** The job status (for several jobs, the least advanced one). */
  readonly status: string
  /** Requests in the job; 0 until the server has validated the input. */
  readonly total: number
  /** Requests processed so far. */
  readonly completed: number
  /** Requests that succeeded. */
  readonly succeeded: number
  /** Requests that failed. */
  readonly failed: number
}

/** A snapshot with its throughput and the time it should take to finish. */
export interface ProgressReading extends ProgressSnapshot {
  /** Requests processed per second since the job was first seen running, when measurable. */
  readonly ratePerSecond: number | undefined
  /** Seconds left at that rate, when measurable. */
  readonly etaSeconds: number | undefined
}

/** The counters of a job snapshot. */
export const snapshotOfJob = (job: BatchJob): ProgressSnapshot => ({
  status: job.status,
  total: job.total_requests,
  completed: job.completed_requests,
  succeeded: job.succeeded_requests,
  failed: job.failed_requests,
})

/** Whether two snapshots show the same status and counters. */
export const sameProgress = (a: ProgressSnapshot, b: ProgressSnapshot): boolean =>
  a.status === b.status &&
  a.total === b.total &&
  a.completed === b.completed &&
  a.succeeded === b.succeeded &&
  a.failed === b.failed

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
    if (this.#origin === undefined && (snapshot.status === 'RUNNING' || snapshot.completed > 0)) {
      this.#origin = { at, completed: snapshot.completed }
    }
    const origin = this.#origin
    const seconds = origin === undefined ? 0 : (at - origin.at) / 1000
    const done = origin === undefined ? 0 : snapshot.completed - origin.completed
    const ratePerSecond = seconds > 0 && done > 0 ? done / seconds : undefined
    const remaining = Math.max(0, snapshot.total - snapshot.completed)
    const etaSeconds =
      ratePerSecond === undefined || snapshot.total === 0 ? undefined : remaining / ratePerSecond
    return { ...snapshot, ratePerSecond, etaSeconds }
  }
}
