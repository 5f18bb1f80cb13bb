// Follows one job with the progress view until it ends or Ctrl-C stops the watch.
import type { BatchJob, MistralBatchClient, WatchJobOptions } from '../../index.js'
import type { CliIo } from '../CliIo.js'
import { createProgressView } from '../render/jobProgressView.js'
import { snapshotOfJob } from '../render/progressStats.js'
import { consumeUntilInterrupted } from './consumeUntilInterrupted.js'

/** How a watch ended: at the job's terminal snapshot, or by Ctrl-C. */
export type WatchOutcome =
  | { readonly kind: 'ended'; readonly job: BatchJob }
  | { readonly kind: 'interrupted'; readonly job: BatchJob | undefined }

/** Watches `jobId` with `watch`'s polling, drawing its progress on stderr. */
export const watchWithProgress = async (
  io: CliIo,
  client: MistralBatchClient,
  jobId: string,
  watch: WatchJobOptions,
): Promise<WatchOutcome> => {
  const view = createProgressView(io.stderr)
  let last: BatchJob | undefined
  try {
    const how = await consumeUntilInterrupted(
      client.batch.watchJob$(jobId, watch),
      io.interrupts,
      (job) => {
        last = job
        view.update(snapshotOfJob(job))
      },
    )
    if (how === 'interrupted' || last === undefined) return { kind: 'interrupted', job: last }
    return { kind: 'ended', job: last }
  } finally {
    view.stop()
  }
}
