// The error for an operation that ran out of time: a request, an idle download, a watch deadline.
import { TaggedError } from './TaggedError.js'

/** Options of a {@link TimeoutError}. */
export interface TimeoutErrorOptions {
  /** The time limit that was exceeded, in milliseconds. */
  readonly timeoutMs?: number
  /** The HTTP method, when a request timed out. */
  readonly method?: string
  /** The URL, when a request timed out (without credentials or secret query values). */
  readonly url?: string
  /** The last value seen before the deadline, e.g. the last job snapshot of a watch. */
  readonly lastSnapshot?: unknown
}

/** An operation exceeded its time limit; `lastSnapshot` holds the last value seen, if any. */
export class TimeoutError extends TaggedError<'TimeoutError'> {
  readonly _tag = 'TimeoutError' as const
  /** The time limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number | undefined
  /** The HTTP method, when a request timed out. */
  readonly method: string | undefined
  /** The URL, when a request timed out. */
  readonly url: string | undefined
  /** The last value seen before the deadline, e.g. the last job snapshot of a watch. */
  readonly lastSnapshot: unknown

  constructor(message: string, options: TimeoutErrorOptions = {}) {
    super('TimeoutError', message)
    this.timeoutMs = options.timeoutMs
    this.method = options.method
    this.url = options.url
    this.lastSnapshot = options.lastSnapshot
  }
}
