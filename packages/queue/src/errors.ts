// The queue's own failure: its database, unreachable or of a newer schema.

/** Why the queue's store failed. */
export type QueueStoreErrorReason = 'unreachable' | 'newer-schema' | 'closed' | 'in-use'

/**
 * The queue's database cannot be used: it cannot be reached (`createBatchQueue` or later), its
 * schema was migrated by a newer version of this package, the queue was closed, or (`in-use`) the
 * PGlite data dir is open in another process or queue.
 */
export class QueueStoreError extends Error {
  readonly _tag = 'QueueStoreError' as const
  override readonly name = 'QueueStoreError'
  /** Which of the failures it is. */
  readonly reason: QueueStoreErrorReason

  constructor(message: string, options: { reason: QueueStoreErrorReason; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.reason = options.reason
  }
}

/** Whether `error` is a `QueueStoreError`. */
export const isQueueStoreError = (error: unknown): error is QueueStoreError =>
  error instanceof QueueStoreError
