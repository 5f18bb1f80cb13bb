// A command's work on its queue: opened, used, closed again (its PGlite data dir unlocked).
import { createBatchQueue, type BatchQueue, type BatchQueueOptions } from '@mistral-batch-rx/queue'
import type { CommandContext } from '../CommandContext.js'
import { queueLocation, type QueueFlags } from './queueLocation.js'

/** What a command may set of the queue's options: a worker gives its client, job and timings. */
export type QueueCommandOptions = Partial<Omit<BatchQueueOptions, 'name' | 'store'>>

/**
 * Opens the queue of `flags` with `options`, runs `work` on it (with the database's label for
 * messages: `PGlite in .mistral-batch-queue`), and closes it, whether `work` resolves or throws.
 * Only a worker gives a client and job fields; the queue locks a PGlite data dir itself.
 */
export const usingQueue = async <R>(
  ctx: CommandContext,
  flags: QueueFlags,
  options: QueueCommandOptions,
  work: (queue: BatchQueue, label: string) => Promise<R>,
): Promise<R> => {
  const location = queueLocation(ctx, flags)
  const queue = await createBatchQueue({
    ...options,
    name: flags.name,
    store: location.engine === 'pglite' ? { dataDir: location.dir } : { postgres: location.url },
  })
  try {
    return await work(queue, location.label)
  } finally {
    await queue.close()
  }
}
