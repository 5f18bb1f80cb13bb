// The error of a batcher submission whose job ended without succeeding and without its result.
import type { BatchJob } from '../codecs/BatchJob.js'
import { TaggedError } from './TaggedError.js'

/**
 * A batch job ended `FAILED`, `CANCELLED` or `TIMEOUT_EXCEEDED` and gave no result for a
 * request: the micro-batcher errors that request's submitter with it. Carries the job's last
 * snapshot (its `errors` say why).
 */
export class BatchJobEndedError extends TaggedError<'BatchJobEndedError'> {
  readonly _tag = 'BatchJobEndedError' as const
  /** The job's terminal snapshot. */
  readonly job: BatchJob

  constructor(job: BatchJob) {
    const why = job.errors.map((error) => error.message).join('; ')
    super(
      'BatchJobEndedError',
      `Batch job ${job.id} ended ${job.status}${why === '' ? '' : ` (${why})`}`,
    )
    this.job = job
  }

  /** The job's id and status, not the whole snapshot. */
  protected override ownFields(): object {
    return { jobId: this.job.id, status: this.job.status }
  }
}
