// The one retry operator: what is retried, the backoff sequence in virtual time, and its hooks.
import { defer, type Observable, type SchedulerLike } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { DEFAULT_RETRY, type ResolvedRetryOptions } from '../../src/config.js'
import { DecodeError } from '../../src/errors/DecodeError.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import {
  isAmbiguousFailure,
  isProvablyUnprocessed,
  isRetryableError,
  RECOVERY_CLOCK_SKEW_MS,
  retrying,
  type RetryPolicy,
} from '../../src/http/retry.js'
import { testContext } from '../support/httpContext.js'

type RetryWithPolicyOptions = RetryPolicy<unknown> & {
  readonly retry: ResolvedRetryOptions
  readonly scheduler: SchedulerLike
}
/** What a recovering send is: one attempt, the lookup of what it may have made, and a resend check. */
interface RecoveringSend<A> {
  readonly send: () => Observable<A>
  readonly find: (error: unknown) => Observable<A>
  readonly canResend?: () => boolean
}
/** The recover hook applied as upload$ and idempotent create$ apply it. */
const recoveringSend$ = <A>(ctx: HttpContext, how: RecoveringSend<A>): Observable<A> =>
  defer(() => how.send()).pipe(
    retrying(ctx.config, {
      mode: 'unsafe',
      recover: how.find,
      ...(how.canResend === undefined ? {} : { canRetry: how.canResend }),
    }),
  )
/** `retrying` with its config and policy given as one object. */
const retryWithPolicy = ({ retry, scheduler, ...policy }: RetryWithPolicyOptions) =>
  retrying<unknown>({ retry, scheduler }, policy)

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

describe('retrying', () => {
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

describe('isAmbiguousFailure', () => {
  it.each<[string, unknown]>([
    ['HTTP 500', httpError(500)],
    ['HTTP 502', httpError(502)],
    ['HTTP 504', httpError(504)],
    ['HTTP 503 without Retry-After', httpError(503)],
    ['HTTP 408', httpError(408)],
    ['a reset connection', networkError('ECONNRESET')],
    ['a network failure without a code', networkError()],
    ['a timeout', new TimeoutError('slow')],
  ])('holds for %s', (_what, error) => {
    expect(isAmbiguousFailure(error)).toBe(true)
  })

  it.each<[string, unknown]>([
    ['HTTP 429', httpError(429)],
    ['HTTP 503 with Retry-After', httpError(503, 1000)],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['HTTP 400', httpError(400)],
    ['HTTP 422', httpError(422)],
    ["the caller's abort", networkError('ABORT_ERR')],
    ['a decode error', new DecodeError('bad', [], [])],
    ['an invalid request', new InvalidRequestError('bad')],
    ['a bug', new TypeError('x is undefined')],
  ])('does not hold for %s', (_what, error) => {
    expect(isAmbiguousFailure(error)).toBe(false)
  })
})

describe('RECOVERY_CLOCK_SKEW_MS', () => {
  it('allows five minutes of clock skew', () => {
    expect(RECOVERY_CLOCK_SKEW_MS).toBe(5 * 60_000)
  })
})

describe('retrying with a recover hook (a send unsafe to repeat)', () => {
  let testScheduler: TestScheduler
  let ctx: HttpContext
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
    // backoff 2, 4, 8 frames; a Retry-After is capped at 25
    ctx = testContext('http://127.0.0.1:9', {
      scheduler: testScheduler,
      retry: { maxRetries: 3, initialDelayMs: 2, maxDelayMs: 50, maxRetryAfterMs: 25 },
    })
  })

  /** `send` and `find` that hand out the given observables in order and record each call. */
  const scripted = <A>(
    sends: ReadonlyArray<Observable<A>>,
    finds: ReadonlyArray<Observable<A>> = [],
    canResend?: () => boolean,
  ) => {
    const calls = { sends: 0, findErrors: [] as unknown[] }
    const how: RecoveringSend<A> = {
      send: () => {
        const next = sends[calls.sends++]
        if (next === undefined) throw new Error('unexpected send')
        return next
      },
      find: (error) => {
        const next = finds[calls.findErrors.length]
        calls.findErrors.push(error)
        if (next === undefined) throw new Error('unexpected find')
        return next
      },
      ...(canResend === undefined ? {} : { canResend }),
    }
    return { how, calls }
  }

  it('mirrors a send that succeeds at once and never looks anything up', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const send = cold('-a|')
      const { how, calls } = scripted([send])
      expectObservable(recoveringSend$(ctx, how)).toBe('-a|')
      testScheduler.flush()
      expectSubscriptions(send.subscriptions).toBe('^-!')
      expect(calls).toEqual({ sends: 1, findErrors: [] })
    })
  })

  it('sends nothing until subscribed, and each subscription starts afresh', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const { how, calls } = scripted([cold('-a|'), cold('-b|')])
      const send$ = recoveringSend$(ctx, how)
      expect(calls.sends).toBe(0)
      expectObservable(send$).toBe('-a|')
      expectObservable(send$).toBe('-b|')
    })
  })

  it.each<[string, unknown]>([
    ['HTTP 429', httpError(429)],
    ['a refused connection', networkError('ECONNREFUSED')],
  ])('after %s sends again after the backoff, without a lookup', (_what, error) => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, error)
      const succeeding = cold('-a|')
      const { how, calls } = scripted([failing, succeeding])
      expectObservable(recoveringSend$(ctx, how)).toBe('----a|')
      testScheduler.flush()
      expectSubscriptions(failing.subscriptions).toBe('^!')
      expectSubscriptions(succeeding.subscriptions).toBe('3ms ^-!')
      expect(calls.findErrors).toEqual([])
    })
  })

  it("after a 503 with Retry-After sends again after the server's wait, without a lookup", () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, httpError(503, 10))
      const succeeding = cold('-a|')
      const { how, calls } = scripted([failing, succeeding])
      expectObservable(recoveringSend$(ctx, how)).toBe('12ms a|')
      testScheduler.flush()
      expectSubscriptions(succeeding.subscriptions).toBe('11ms ^-!')
      expect(calls.findErrors).toEqual([])
    })
  })

  it('caps a long Retry-After at maxRetryAfterMs', () => {
    testScheduler.run(({ cold, expectSubscriptions }) => {
      const failing = cold('-#', undefined, httpError(429, 60_000))
      const succeeding = cold('-a|')
      recoveringSend$(ctx, scripted([failing, succeeding]).how).subscribe()
      testScheduler.flush()
      expectSubscriptions(succeeding.subscriptions).toBe('26ms ^-!')
    })
  })

  it.each<[string, unknown]>([
    ['HTTP 500', httpError(500)],
    ['HTTP 502', httpError(502)],
    ['HTTP 504', httpError(504)],
    ['HTTP 503 without Retry-After', httpError(503)],
    ['a reset connection', networkError('ECONNRESET')],
    ['a timeout', new TimeoutError('slow')],
  ])('after %s waits, looks up, and emits what it finds without sending again', (_w, error) => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, error)
      const found = cold('--f|')
      const { how, calls } = scripted([failing], [found])
      expectObservable(recoveringSend$(ctx, how)).toBe('-----(f|)')
      testScheduler.flush()
      expectSubscriptions(failing.subscriptions).toBe('^!')
      expectSubscriptions(found.subscriptions).toBe('3ms ^-!')
      expect(calls.sends).toBe(1)
      expect(calls.findErrors).toHaveLength(1)
      expect(calls.findErrors[0]).toBe(error)
    })
  })

  it('emits only the first thing the lookup finds', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const found = cold('--fg|')
      const { how } = scripted([cold('-#', undefined, httpError(500))], [found])
      expectObservable(recoveringSend$(ctx, how)).toBe('-----(f|)')
      testScheduler.flush()
      expectSubscriptions(found.subscriptions).toBe('3ms ^-!')
    })
  })

  it('sends again right after a lookup that finds nothing', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, networkError('ECONNRESET'))
      const nothing = cold('--|')
      const succeeding = cold('-(a|)')
      const { how, calls } = scripted([failing, succeeding], [nothing])
      expectObservable(recoveringSend$(ctx, how)).toBe('------(a|)')
      testScheduler.flush()
      expectSubscriptions(nothing.subscriptions).toBe('3ms ^-!')
      expectSubscriptions(succeeding.subscriptions).toBe('5ms ^!')
      expect(calls.sends).toBe(2)
    })
  })

  it('mirrors the whole resent attempt after a lookup that finds nothing', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const failing = cold('-#', undefined, networkError('ECONNRESET'))
      const nothing = cold('--|')
      const resent = cold('-a-b|')
      const { how } = scripted([failing, resent], [nothing])
      expectObservable(recoveringSend$(ctx, how)).toBe('------a-b|')
    })
  })

  it('ends with the lookup failure, sending nothing more, when the lookup fails', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const lookupError = httpError(401)
      const { how, calls } = scripted(
        [cold('-#', undefined, httpError(500))],
        [cold('--#', undefined, lookupError)],
      )
      expectObservable(recoveringSend$(ctx, how)).toBe('-----#', undefined, lookupError)
      testScheduler.flush()
      expect(calls.sends).toBe(1)
    })
  })

  describe('when the content cannot be sent again', () => {
    it('still emits what the lookup finds after an ambiguous failure', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const { how } = scripted(
          [cold('-#', undefined, httpError(502))],
          [cold('--f|')],
          () => false,
        )
        expectObservable(recoveringSend$(ctx, how)).toBe('-----(f|)')
      })
    })

    it('signals the original failure when the lookup finds nothing', () => {
      const error = httpError(504)
      const seen: Array<{ at: number; failure: unknown }> = []
      testScheduler.run(({ cold }) => {
        const { how, calls } = scripted([cold('-#', undefined, error)], [cold('--|')], () => false)
        recoveringSend$(ctx, how).subscribe({
          error: (failure: unknown) => seen.push({ at: testScheduler.now(), failure }),
        })
        testScheduler.flush()
        expect(calls.sends).toBe(1)
      })
      expect(seen).toHaveLength(1)
      expect(seen[0]?.at).toBe(5)
      expect(seen[0]?.failure).toBe(error)
    })

    it('signals a provably unprocessed failure at once, without waiting or looking up', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const error = httpError(429)
        const { how, calls } = scripted([cold('-#', undefined, error)], [], () => false)
        expectObservable(recoveringSend$(ctx, how)).toBe('-#', undefined, error)
        testScheduler.flush()
        expect(calls).toEqual({ sends: 1, findErrors: [] })
      })
    })

    it('asks afresh at each failure', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        let asked = 0
        const second = httpError(500)
        const secondSend = cold('-#', undefined, second)
        const { how, calls } = scripted(
          [cold('-#', undefined, httpError(500)), secondSend],
          [cold('-|'), cold('-|')],
          () => ++asked === 1,
        )
        // send 0-1, wait 2, find 3-4, send 4-5, wait 4, find 9-10, then the error
        expectObservable(recoveringSend$(ctx, how)).toBe('10ms #', undefined, second)
        testScheduler.flush()
        expectSubscriptions(secondSend.subscriptions).toBe('4ms ^!')
        expect(calls.sends).toBe(2)
        expect(asked).toBe(2)
      })
    })
  })

  it.each<[string, unknown]>([
    ['HTTP 400', httpError(400)],
    ['HTTP 422', httpError(422)],
    ['a decode error', new DecodeError('bad', [], [])],
    ['an invalid request', new InvalidRequestError('bad')],
    ["the caller's abort", networkError('ABORT_ERR')],
    ['a bug', new TypeError('x is undefined')],
  ])('ends at once with %s, neither looking up nor sending again', (_what, error) => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold('-#', undefined, error)
      const { how, calls } = scripted([failing])
      expectObservable(recoveringSend$(ctx, how)).toBe('-#', undefined, error)
      testScheduler.flush()
      expectSubscriptions(failing.subscriptions).toBe('^!')
      expect(calls).toEqual({ sends: 1, findErrors: [] })
    })
  })

  describe('the retry count', () => {
    it('bounds resends after unprocessed failures: backoff 2, 4, 8, then the last error', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const last = httpError(429)
        const failing = cold('-#', undefined, httpError(429))
        const lastSend = cold('-#', undefined, last)
        const { how, calls } = scripted([failing, failing, failing, lastSend])
        expectObservable(recoveringSend$(ctx, how)).toBe('18ms #', undefined, last)
        testScheduler.flush()
        expectSubscriptions(failing.subscriptions).toBe(['^!', '3ms ^!', '8ms ^!'])
        expectSubscriptions(lastSend.subscriptions).toBe('17ms ^!')
        expect(calls.findErrors).toEqual([])
      })
    })

    it('bounds lookups and resends after ambiguous failures, and looks up the last one once more', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const failures = [1, 2, 3, 4].map(() => httpError(500))
        const sends = failures.map((error) => cold('-#', undefined, error))
        const nothing = cold('-|')
        const { how, calls } = scripted(sends, [nothing, nothing, nothing, nothing])
        // sends fail at 1, 5, 11 and 21 ms; lookups after 2, 4, 8, then 16 ms of backoff
        expectObservable(recoveringSend$(ctx, how)).toBe('38ms #', undefined, failures[3])
        testScheduler.flush()
        expect(calls.sends).toBe(4)
        expect(calls.findErrors).toEqual(failures)
      })
    })

    it('is shared by both kinds of failure', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const limited = cold('-#', undefined, httpError(429))
        const reset = cold('-#', undefined, networkError('ECONNRESET'))
        const nothing = cold('-|')
        const { how, calls } = scripted([limited, reset, limited, reset], [nothing])
        // send 0-1, wait 2; send 3-4, wait 4, find 8-9; send 9-10, wait 8; send 18-19: the last
        expectObservable(recoveringSend$(ctx, how)).toBe(
          '19ms #',
          undefined,
          networkError('ECONNRESET'),
        )
        testScheduler.flush()
        expectSubscriptions(reset.subscriptions).toBe(['3ms ^!', '18ms ^!'])
        expectSubscriptions(nothing.subscriptions).toBe('8ms ^!')
        expect(calls.sends).toBe(4)
      })
    })

    it('with maxRetries 0 sends once and looks up an ambiguous failure once', () => {
      const noRetries = testContext('http://127.0.0.1:9', {
        scheduler: testScheduler,
        retry: { maxRetries: 0 },
      })
      testScheduler.run(({ cold, expectObservable }) => {
        const error = httpError(500)
        const found = cold('-(f|)')
        const { how, calls } = scripted([cold('-#', undefined, error)], [found])
        expectObservable(recoveringSend$(noRetries, how)).toBe('3ms (f|)')
        testScheduler.flush()
        expect(calls).toEqual({ sends: 1, findErrors: [error] })
      })
    })

    it('with maxRetries 0 lets a failure proving nothing was done through at once', () => {
      const noRetries = testContext('http://127.0.0.1:9', {
        scheduler: testScheduler,
        retry: { maxRetries: 0 },
      })
      testScheduler.run(({ cold, expectObservable }) => {
        const error = httpError(429)
        const { how, calls } = scripted([cold('-#', undefined, error)])
        expectObservable(recoveringSend$(noRetries, how)).toBe('-#', undefined, error)
        testScheduler.flush()
        expect(calls).toEqual({ sends: 1, findErrors: [] })
      })
    })
  })
})
