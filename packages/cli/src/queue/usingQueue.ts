// A command's work on its queue: opened, used, closed again (its PGlite data dir unlocked).
import { createBatchQueue, type BatchQueue, type BatchQueueOptions } from '@mistral-batch-rx/queue'
import { createClient } from 'mistral-batch-rx'
import type { CommandContext } from '../CommandContext.js'
import { lockDataDir } from './dataDirLock.js'
import { queueLocation, type QueueFlags } from './queueLocation.js'

/** What a command may set of the queue's options: a worker gives its client, job and timings. */
export type QueueCommandOptions = Partial<Omit<BatchQueueOptions, 'name' | 'store'>>

/**
 * Opens the queue of `flags` with `options`, runs `work` on it (with the database's label for
 * messages: `PGlite in .mistral-batch-queue`), and closes it, whether `work` resolves or throws.
 * Only a worker calls the API: for the others, the client and job fields that createBatchQueue
 * takes anyway are stand-ins, never used.
 */
export const usingQueue = async <R>(
  ctx: CommandContext,
  flags: QueueFlags,
  options: QueueCommandOptions,
  work: (queue: BatchQueue, label: string) => Promise<R>,
): Promise<R> => {
  const location = queueLocation(ctx, flags)
  const unlock =
    location.engine === 'pglite'
      ? await lockDataDir(location.dir, location.label)
      : () => Promise.resolve()
  try {
    const queue = await createBatchQueue({
      client: createClient({ apiKey: 'never-sent' }),
      job: { endpoint: '/v1/chat/completions' },
      ...options,
      name: flags.name,
      store: location.engine === 'pglite' ? { dataDir: location.dir } : { postgres: location.url },
    })
    try {
      return await work(queue, location.label)
    } finally {
      await queue.close()
    }
  } finally {
    await unlock()
  }
}
