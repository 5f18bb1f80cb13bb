// The retry policy: what is retried, and the backoff sequence in virtual time.
import { defer } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { DEFAULT_RETRY, type ResolvedRetryOptions } from '../../src/config.js'
import { DecodeError } from '../../src/errors/DecodeError.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import {
  isProvablyUnprocessed,
  isRetryableError,
  retryWithPolicy,
  type RetryWithPolicyOptions,
} from '../../src/http/retryPolicy.js'

const httpError = (status: number, retryAfterMs?: number): HttpError =>
  new HttpError({ status, method: 'GET', url: 'https://api.test/v1/x', retryAfterMs })
const networkError = (code?: string): NetworkError =>
  new NetworkError('failed', {
    method: 'GET',
    url: 'https://api.test/v1/x',
    ...(code === undefined ? {} : { cause: { name: 'Error', message: code, code } }),
  })

describe('isRetryableError', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryableError(httpError(status))).toBe(true)
  })

  it.each([400, 401, 402, 403, 404, 422, 501])('does not retry HTTP %i', (status) => {
    expect(isRetryableError(httpError(status))).toBe(false)
  })

  it('retries network failures and timeouts', () => {
    expect(isRetryableError(networkError('ECONNRESET'))).toBe(true)
    expect(isRetryableError(networkError())).toBe(true)
    expect(isRetryableError(new TimeoutError('slow'))).toBe(true)
  })

  it("never retries the caller's abort, a decode error, an invalid request or a bug", () => {
    expect(isRetryableError(networkError('ABORT_ERR'))).toBe(false)
    expect(isRetryableError(new DecodeError('bad', [], []))).toBe(false)
    expect(isRetryableError(new InvalidRequestError('bad'))).toBe(false)
    expect(isRetryableError(new TypeError('x is undefined'))).toBe(false)
    expect(isRetryableError('oops')).toBe(false)
  })
})

describe('isProvablyUnprocessed', () => {
  it('holds for 429, 503 with Retry-After and a refused connection', () => {
    expect(isProvablyUnprocessed(httpError(429))).toBe(true)
    expect(isProvablyUnprocessed(httpError(503, 1000))).toBe(true)
    expect(isProvablyUnprocessed(networkError('ECONNREFUSED'))).toBe(true)
  })

  it('does not hold when the server may have acted', () => {
    expect(isProvablyUnprocessed(httpError(503))).toBe(false)
    expect(isProvablyUnprocessed(httpError(500))).toBe(false)
    expect(isProvablyUnprocessed(httpError(504, 1000))).toBe(false)
    expect(isProvablyUnprocessed(networkError('ECONNRESET'))).toBe(false)
    expect(isProvablyUnprocessed(new TimeoutError('slow'))).toBe(false)
  })
})

describe('retryWithPolicy', () => {
  let testScheduler: TestScheduler
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  })

  const retry: ResolvedRetryOptions = {
    ...DEFAULT_RETRY,
    maxRetries: 3,
    initialDelayMs: 2,
    maxDelayMs: 5,
    maxRetryAfterMs: 25,
    jitter: 'none',
  }
  const options = (overrides: Partial<RetryWithPolicyOptions> = {}): RetryWithPolicyOptions => ({
    retry,
    scheduler: testScheduler,
    mode: 'safe',
    ...overrides,
  })

  it('backs off 2, 4, then 5 (capped) frames, then gives up with the last error', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, httpError(503))
      expectObservable(source.pipe(retryWithPolicy(options()))).toBe(
        '15ms #',
        undefined,
        httpError(503),
      )
      expectSubscriptions(source.subscriptions).toBe(['^!', '3ms ^!', '8ms ^!', '14ms ^!'])
    })
  })

  it('stops retrying once an attempt succeeds', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      let attempts = 0
      const failing = cold('-#', undefined, networkError('ECONNRESET'))
      const succeeding = cold('-a|')
      // the third attempt succeeds
      const source = defer(() => (++attempts < 3 ? failing : succeeding))
      expectObservable(source.pipe(retryWithPolicy(options()))).toBe('9ms a|')
      expectSubscriptions(failing.subscriptions).toBe(['^!', '3ms ^!'])
      expectSubscriptions(succeeding.subscriptions).toBe('8ms ^-!')
    })
  })

  it("waits the server's Retry-After instead of the backoff", () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = httpError(429, 10)
      const source = cold('#', undefined, error)
      const limited = source.pipe(retryWithPolicy(options({ retry: { ...retry, maxRetries: 1 } })))
      expectObservable(limited).toBe('10ms #', undefined, error)
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '10ms (^!)'])
    })
  })

  it('cuts a longer Retry-After down to maxRetryAfterMs', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const error = httpError(429, 60_000)
      const source = cold('#', undefined, error)
      const limited = source.pipe(retryWithPolicy(options({ retry: { ...retry, maxRetries: 1 } })))
      expectObservable(limited).toBe('25ms #', undefined, error)
    })
  })

  it('applies jitter from the configured random source', () => {
    testScheduler.run(({ cold, expectSubscriptions }) => {
      const source = cold('#', undefined, httpError(500))
      const jittered = {
        ...retry,
        initialDelayMs: 8,
        maxDelayMs: 100,
        jitter: 'full' as const,
        random: () => 0.5,
      }
      source
        .pipe(retryWithPolicy(options({ retry: jittered })))
        .subscribe({ error: () => undefined })
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '4ms (^!)', '12ms (^!)', '28ms (^!)'])
    })
  })

  it('passes a non-retryable error through at once', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, httpError(404))
      expectObservable(source.pipe(retryWithPolicy(options()))).toBe(
        '-#',
        undefined,
        httpError(404),
      )
      expectSubscriptions(source.subscriptions).toBe('^!')
    })
  })

  it('in unsafe mode retries only what provably was not processed', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const rateLimited = cold('-#', undefined, httpError(429))
      const serverError = cold('-#', undefined, httpError(500))
      expectObservable(rateLimited.pipe(retryWithPolicy(options({ mode: 'unsafe' })))).toBe(
        '15ms #',
        undefined,
        httpError(429),
      )
      expectObservable(serverError.pipe(retryWithPolicy(options({ mode: 'unsafe' })))).toBe(
        '-#',
        undefined,
        httpError(500),
      )
      expectSubscriptions(serverError.subscriptions).toBe('^!')
    })
  })

  it("in mode none, or when canRetry says no, doesn't retry", () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const none = cold('-#', undefined, httpError(503))
      const refused = cold('-#', undefined, httpError(503))
      expectObservable(none.pipe(retryWithPolicy(options({ mode: 'none' })))).toBe(
        '-#',
        undefined,
        httpError(503),
      )
      expectObservable(refused.pipe(retryWithPolicy(options({ canRetry: () => false })))).toBe(
        '-#',
        undefined,
        httpError(503),
      )
      expectSubscriptions(none.subscriptions).toBe('^!')
      expectSubscriptions(refused.subscriptions).toBe('^!')
    })
  })
})
