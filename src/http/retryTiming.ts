// Retry timing, pure: parse the server's Retry-After headers and compute backoff delays.
import type { ResolvedRetryOptions } from '../config.js'

/**
 * The wait the server asks for, in milliseconds: `retry-after-ms`, else `Retry-After` as seconds
 * or as an HTTP date (relative to `now`, in epoch milliseconds). `undefined` when absent or
 * unreadable; a date in the past gives 0.
 */
export const parseRetryAfter = (headers: Pick<Headers, 'get'>, now: number): number | undefined => {
  const milliseconds = headers.get('retry-after-ms')
  if (milliseconds !== null && /^\s*\d+(\.\d+)?\s*$/.test(milliseconds)) {
    return Math.ceil(Number(milliseconds))
  }
  const value = headers.get('retry-after')?.trim()
  if (value === undefined || value === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000)
  // an HTTP date has a weekday and month name; Date.parse would read '-3' as a year
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Backoff before retry `attempt` (from 1): `initialDelayMs * 2^(attempt-1)`, capped, jittered. */
export const backoffDelay = (
  attempt: number,
  options: Pick<ResolvedRetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'jitter'>,
  random: () => number,
): number => {
  const exponential = options.initialDelayMs * 2 ** Math.max(0, attempt - 1)
  const base = Math.min(options.maxDelayMs, exponential)
  switch (options.jitter) {
    case 'none':
      return Math.round(base)
    case 'equal':
      return Math.round(base / 2 + random() * (base / 2))
    case 'full':
      return Math.round(random() * base)
  }
}

/** The delay before retry `attempt`: the server's wait (to `maxRetryAfterMs`), else the backoff. */
export const retryDelay = (
  attempt: number,
  retryAfterMs: number | undefined,
  options: ResolvedRetryOptions,
): number =>
  retryAfterMs === undefined
    ? backoffDelay(attempt, options, options.random)
    : Math.min(Math.max(0, retryAfterMs), options.maxRetryAfterMs)
