// The headers Mistral puts on every response: a request id and the rate-limit counters.
import { randomUUID } from 'node:crypto'

/** Requests per minute the emulator advertises in `x-ratelimit-limit-req-minute`. */
const REQUESTS_PER_MINUTE = 6000

/** Counts requests per wall-clock minute to fill in the remaining-requests header. */
export class RateLimitHeaders {
  private minute = -1
  private used = 0

  /** The headers for the next response, counting it. */
  next(nowMs: number): Record<string, string> {
    const minute = Math.floor(nowMs / 60_000)
    if (minute !== this.minute) {
      this.minute = minute
      this.used = 0
    }
    this.used += 1
    return {
      'x-ratelimit-limit-req-minute': String(REQUESTS_PER_MINUTE),
      'x-ratelimit-remaining-req-minute': String(Math.max(0, REQUESTS_PER_MINUTE - this.used)),
      'x-ratelimit-limit-tokens-minute': '2000000',
      'x-ratelimit-remaining-tokens-minute': '2000000',
      'x-ratelimit-limit-tokens-month': '10000000000',
      'x-ratelimit-remaining-tokens-month': '10000000000',
    }
  }
}

/** A request id shaped like Mistral's gateway ids (32 hex digits). */
export const newRequestId = (): string => randomUUID().replace(/-/g, '')
