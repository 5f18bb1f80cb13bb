// A test context whose fetch calls are recorded: which requests an operation sends and when,
// the signal each was given, and when its response headers came.
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import type { ClientConfig, FetchLike } from '../../src/config.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { testContext } from './httpContext.js'
import { trackedScheduler } from './trackedScheduler.js'

/** One call of a recording context's fetch. */
export interface FetchCall {
  /** `METHOD /path`, without the query. */
  readonly line: string
  /** The signal fetch was given. */
  readonly signal: AbortSignal | undefined
  /** What fetch resolves with once the response headers came (the body may still be coming). */
  readonly response: Promise<Response>
}

/** The platform's fetch, with every call pushed to `calls` as it is made (for a client's config). */
export const recordingFetch = (): { readonly fetch: FetchLike; readonly calls: FetchCall[] } => {
  const calls: FetchCall[] = []
  const fetch: FetchLike = (input, init) => {
    const response = globalThis.fetch(input, init)
    // the caller handles a failure; this copy only must not be an unhandled rejection
    response.catch(() => undefined)
    calls.push({
      line: `${init?.method ?? 'GET'} ${new URL(input).pathname}`,
      signal: init?.signal ?? undefined,
      response,
    })
    return response
  }
  return { fetch, calls }
}

/** A context like `testContext` whose every fetch call is pushed to `calls` as it is made. */
export const recordingContext = (
  baseUrl: string,
  overrides: ClientConfig = {},
): { readonly ctx: HttpContext; readonly calls: FetchCall[] } => {
  const { fetch, calls } = recordingFetch()
  return { ctx: testContext(baseUrl, { ...overrides, fetch }), calls }
}

/** The requests an operation sent, by when: while it was built, and during each subscription. */
export interface RequestsBySubscription {
  readonly built: string[]
  readonly first: string[]
  readonly second: string[]
}

/**
 * Builds `build(ctx)` on a recording context, then subscribes to it twice, one after the other,
 * each time to its end, and says which requests were sent when. A cold operation sends nothing
 * while built and its own requests on each subscription; an eager one shows its request while
 * built, twice in the first subscription, or not at all in the second. The first subscription
 * must succeed; the second may fail (a deleted job is gone), only its requests count.
 */
export const requestsBySubscription = async (
  baseUrl: string,
  build: (ctx: HttpContext) => Observable<unknown>,
  overrides: ClientConfig = {},
): Promise<RequestsBySubscription> => {
  const { ctx, calls } = recordingContext(baseUrl, overrides)
  const lines = (from: number, to = calls.length): string[] =>
    calls.slice(from, to).map((call) => call.line)
  const operation$ = build(ctx)
  const built = lines(0)
  const firstStart = calls.length
  await lastValueFrom(operation$.pipe(toArray()))
  const secondStart = calls.length
  await lastValueFrom(operation$.pipe(toArray())).catch(() => undefined)
  return { built, first: lines(firstStart, secondStart), second: lines(secondStart) }
}

/** What an operation run to its end sent, and the timers it left behind. */
export interface RunToEnd {
  /** `METHOD /path` of every request sent, in order. */
  readonly sent: string[]
  /** The delays of the timers still pending: none, or something could still send a request. */
  readonly timersLeft: number[]
  /** The error it ended with, if it failed. */
  readonly error?: unknown
}

/**
 * Runs `build(ctx)` to its end (a value, or an error) on a recording context with a tracked
 * scheduler. Once it has ended with no timer left, nothing it started can send another request:
 * `sent` is all it ever sends.
 */
export const runToEnd = async (
  baseUrl: string,
  build: (ctx: HttpContext) => Observable<unknown>,
  overrides: ClientConfig = {},
): Promise<RunToEnd> => {
  const { scheduler, pending } = trackedScheduler()
  const { ctx, calls } = recordingContext(baseUrl, { ...overrides, scheduler })
  const ending = await lastValueFrom(build(ctx).pipe(toArray())).then(
    () => ({}),
    (error: unknown) => ({ error }),
  )
  return { sent: calls.map((call) => call.line), timersLeft: pending(), ...ending }
}
