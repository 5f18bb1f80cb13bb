// Cancels a job unless it has already finished, saying which of the two happened.
import { firstValueFrom } from 'rxjs'
import { isTerminalStatus, type BatchJob, type MistralBatchClient } from '../../index.js'

/** What asking to cancel a job did. */
export type CancelOutcome =
  | { readonly kind: 'cancelled'; readonly job: BatchJob }
  | { readonly kind: 'finished'; readonly job: BatchJob }

const CANCEL_STATUSES: ReadonlyArray<string> = ['CANCELLATION_REQUESTED', 'CANCELLED']

/**
 * Cancels `jobId`, or resolves `finished` with its snapshot when it had already ended (a cancel
 * would change nothing, and its answer would read like a success). A job that ends between the
 * look and the cancel is `finished` too.
 */
export const cancelJob = async (
  client: MistralBatchClient,
  jobId: string,
): Promise<CancelOutcome> => {
  const current = await firstValueFrom(client.batch.get$(jobId))
  if (isTerminalStatus(current.status)) return { kind: 'finished', job: current }
  const job = await firstValueFrom(client.batch.cancel$(jobId))
  const ended = isTerminalStatus(job.status) && !CANCEL_STATUSES.includes(job.status)
  return { kind: ended ? 'finished' : 'cancelled', job }
}

/** `Job <id> had already finished (SUCCESS)`. */
export const alreadyFinished = (job: BatchJob): string =>
  `job ${job.id} had already finished (${job.status})`
