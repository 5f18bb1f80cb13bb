// Which failures of a query are the database's (out of reach, or closed) rather than the query's.
import { QueueStoreError, type QueueStoreErrorReason } from './errors.js'

/** System error codes of a connection that failed or broke. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

/**
 * SQLSTATEs of a server that cannot serve the connection: class 08 (connection exception),
 * 57P01-57P03 (shut down, crashed, starting up) and 53300 (too many connections).
 */
const isUnavailableState = (code: string): boolean =>
  code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)

/**
 * Why `error`, thrown by a query, is the store's failure, or undefined when it is the query's own
 * (a constraint, a bug): that one is passed on as it is.
 */
const storeFailureOf = (error: unknown): QueueStoreErrorReason | undefined => {
  if (!(error instanceof Error)) return undefined
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (CONNECTION_CODES.has(code)) return 'unreachable'
    if (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)) return 'unreachable'
    return undefined
  }
  // pg's own: a connection that ended under a query, or a pool that waited too long for one
  if (/^Connection terminated/.test(error.message)) return 'unreachable'
  if (/timeout exceeded when trying to connect/i.test(error.message)) return 'unreachable'
  if (/Cannot use a pool after calling end/.test(error.message)) return 'closed'
  if (/PGlite is closed/.test(error.message)) return 'closed'
  return undefined
}

/** `error` as a `QueueStoreError` when it is the store's failure, else `error` itself. */
export const asStoreError = (error: unknown): unknown => {
  if (error instanceof QueueStoreError) return error
  const reason = storeFailureOf(error)
  if (reason === undefined) return error
  const what = reason === 'closed' ? 'is closed' : 'cannot be reached'
  return new QueueStoreError(`the queue's database ${what}: ${(error as Error).message}`, {
    reason,
    cause: error,
  })
}

/** The longest the worker and results$ wait for a database out of reach before failing. */
const MAX_OUTAGE_MS = 5 * 60_000

/**
 * A database out of reach, waited out: the pause before each new try doubles from `baseMs` up
 * to 30 s, for at most MAX_OUTAGE_MS in a row (a Postgres restart during a deploy is seconds).
 */
export class Outage {
  private since: number | undefined
  private pauseMs: number

  constructor(private readonly baseMs: number) {
    this.pauseMs = baseMs
  }

  /** Whether the last try failed. */
  get ongoing(): boolean {
    return this.since !== undefined
  }

  /** The database answered. */
  over(): void {
    this.since = undefined
    this.pauseMs = this.baseMs
  }

  /**
   * The pause before trying again after `error`; `error` itself is thrown when it is not the
   * database out of reach, or when the outage has lasted MAX_OUTAGE_MS.
   */
  pauseAfter(error: unknown): number {
    if (!(error instanceof QueueStoreError) || error.reason !== 'unreachable') throw error
    this.since ??= Date.now()
    if (Date.now() - this.since >= MAX_OUTAGE_MS) throw error
    const pause = this.pauseMs
    this.pauseMs = Math.min(this.pauseMs * 2, 30_000)
    return pause
  }
}
