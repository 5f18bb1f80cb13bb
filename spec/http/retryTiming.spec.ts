// The pure retry timing: Retry-After parsing and the backoff sequence.
import { DEFAULT_RETRY, type ResolvedRetryOptions } from '../../src/config.js'
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/http/retryTiming.js'

const headers = (values: Record<string, string>) => ({
  get: (name: string): string | null => values[name.toLowerCase()] ?? null,
})

const NOW = Date.parse('2026-08-01T12:00:00Z')

describe('parseRetryAfter', () => {
  it('reads retry-after-ms as milliseconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '1500' }), NOW)).toBe(1500)
    expect(parseRetryAfter(headers({ 'retry-after-ms': '2.2' }), NOW)).toBe(3)
  })

  it('reads Retry-After seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '7' }), NOW)).toBe(7000)
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), NOW)).toBe(500)
  })

  it('reads Retry-After as an HTTP date relative to now', () => {
    const date = new Date(NOW + 30_000).toUTCString()
    expect(parseRetryAfter(headers({ 'retry-after': date }), NOW)).toBe(30_000)
  })

  it('reads a date in the past as no wait', () => {
    const date = new Date(NOW - 30_000).toUTCString()
    expect(parseRetryAfter(headers({ 'retry-after': date }), NOW)).toBe(0)
  })

  it('prefers retry-after-ms over Retry-After', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250)
  })

  it('falls back to Retry-After when retry-after-ms is unreadable', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': 'soon', 'retry-after': '2' }), NOW)).toBe(
      2000,
    )
  })

  it('gives undefined when absent or unreadable', () => {
    expect(parseRetryAfter(headers({}), NOW)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': 'whenever' }), NOW)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': '-3' }), NOW)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30_000, jitter: 'none' as const }
  const never = (): number => {
    throw new Error('random must not be called without jitter')
  }

  it('doubles from initialDelayMs up to maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelay(attempt, options, never))
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000])
  })

  it('full jitter spreads the delay over [0, backoff]', () => {
    const full = { ...options, jitter: 'full' as const }
    expect(backoffDelay(3, full, () => 0)).toBe(0)
    expect(backoffDelay(3, full, () => 0.25)).toBe(500)
    expect(backoffDelay(3, full, () => 0.999)).toBe(1998)
  })

  it('equal jitter keeps at least half the backoff', () => {
    const equal = { ...options, jitter: 'equal' as const }
    expect(backoffDelay(3, equal, () => 0)).toBe(1000)
    expect(backoffDelay(3, equal, () => 0.5)).toBe(1500)
  })
})

describe('retryDelay', () => {
  const options: ResolvedRetryOptions = { ...DEFAULT_RETRY, jitter: 'none' }

  it('uses the backoff when the server asked for nothing', () => {
    expect(retryDelay(2, undefined, options)).toBe(1000)
  })

  it("honours the server's wait, whatever the backoff", () => {
    expect(retryDelay(1, 4_000, options)).toBe(4_000)
    expect(retryDelay(6, 0, options)).toBe(0)
  })

  it("caps the server's wait at maxRetryAfterMs", () => {
    expect(retryDelay(1, 600_000, options)).toBe(120_000)
    expect(retryDelay(1, 600_000, { ...options, maxRetryAfterMs: 20 })).toBe(20)
  })

  it('uses the configured random source for jitter', () => {
    expect(retryDelay(1, undefined, { ...options, jitter: 'full', random: () => 0.5 })).toBe(250)
  })
})
