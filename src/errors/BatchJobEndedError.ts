// The error of a batcher submission whose job ended without succeeding and without its result.
import type { BatchJob } from '../codecs/BatchJob.js'

/**
 * A batch job ended `FAILED`, `CANCELLED` or `TIMEOUT_EXCEEDED` and gave no result for a
 * request: the micro-batcher errors that request's submitter with it. Carries the job's last
 * snapshot (its `errors` say why).
 */
export class BatchJobEndedError extends Error {
  /** Discriminant of the `MistralBatchError` union; survives realms and serialization. */
  readonly _tag = 'BatchJobEndedError' as const
  /** The job's terminal snapshot. */
  readonly job: BatchJob

  constructor(job: BatchJob) {
    const why = job.errors.map((error) => error.message).join('; ')
    super(`Batch job ${job.id} ended ${job.status}${why === '' ? '' : ` (${why})`}`)
    this.name = 'BatchJobEndedError'
    this.job = job
  }

  /** The fields, for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return {
      _tag: this._tag,
      name: this.name,
      message: this.message,
      jobId: this.job.id,
      status: this.job.status,
    }
  }
}
