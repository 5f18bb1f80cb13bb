// The latest snapshot of every job of a run: for the summed counters, the clean-up and the end.
import type { BatchJob } from '../codecs/BatchJob.js'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import type { JobCounters } from './BatchEvent.js'

/** Keeps the newest known snapshot of each job of a run, by round and shard. */
export class JobTracker {
  private readonly latest = new Map<string, { order: [number, number]; job: BatchJob }>()

  /** Records the newest snapshot of the job of `shard` in the round of `attempt`. */
  update(shard: number, job: BatchJob, attempt = 1): void {
    this.latest.set(`${attempt}:${shard}`, { order: [attempt, shard], job })
  }

  /** The counters summed over the latest snapshot of every job. */
  totals(): JobCounters {
    const totals = {
      total_requests: 0,
      completed_requests: 0,
      succeeded_requests: 0,
      failed_requests: 0,
    }
    for (const { job } of this.latest.values()) {
      totals.total_requests += job.total_requests
      totals.completed_requests += job.completed_requests
      totals.succeeded_requests += job.succeeded_requests
      totals.failed_requests += job.failed_requests
    }
    return totals
  }

  /** Whether the job `jobId` was seen in a terminal status. */
  finished(jobId: string): boolean {
    for (const { job } of this.latest.values()) {
      if (job.id === jobId) return isTerminalStatus(job.status)
    }
    return false
  }

  /** The latest snapshot of every job, in round then shard order. */
  jobs(): BatchJob[] {
    return [...this.latest.values()]
      .sort(({ order: [a, s] }, { order: [b, t] }) => a - b || s - t)
      .map(({ job }) => job)
  }
}
