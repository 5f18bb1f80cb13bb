// What an HTTP server of this process (the emulator, a test server) receives, seen through Node's
// `http.server.request.start` diagnostics channel: a test awaits a request, or the end of one.
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { within } from './httpContext.js'

/** How a served request ended. */
interface ExchangeEnd {
  /** Whether the whole response was sent; false when the connection closed first (an abort). */
  readonly finished: boolean
}

/** One request as the server received it (its headers: the body may still be coming). */
interface ServedRequest {
  /** `METHOD /path`, without the query. */
  readonly line: string
  /** Its headers, as they came (names lower-cased): how its body was framed, for one. */
  readonly headers: IncomingHttpHeaders
  /** Resolves once the exchange is over, finished or cut off. */
  readonly ended: Promise<ExchangeEnd>
}

/** Which requests to wait for: an exact `METHOD /path`, a pattern of it, or any. */
type RequestMatch = string | RegExp | undefined

/** The requests one server receives. */
export interface ServerTraffic {
  /** Every request received since watching began, oldest first. */
  readonly requests: ReadonlyArray<ServedRequest>
  /**
   * Resolves with the next request matching `match` that arrives after this call; rejects after
   * `timeoutMs`, naming what it waited for.
   */
  next(match?: RequestMatch, timeoutMs?: number): Promise<ServedRequest>
  /**
   * Resolves with the requests matching `match` received since watching began, once there are
   * `count` of them; rejects after `timeoutMs`, saying how many came.
   */
  arrived(match: RequestMatch, count: number, timeoutMs?: number): Promise<ServedRequest[]>
  /** Resolves once `request` has ended; rejects after `timeoutMs`, naming the request. */
  ended(request: ServedRequest, timeoutMs?: number): Promise<ExchangeEnd>
  /** Stops watching (also done when the server closes). */
  stop(): void
}

interface RequestStart {
  readonly request: IncomingMessage
  readonly response: ServerResponse
  readonly server: Server
}

const CHANNEL = 'http.server.request.start'
const DEFAULT_TIMEOUT_MS = 5_000

const matches = (match: RequestMatch, line: string): boolean =>
  match === undefined || (typeof match === 'string' ? match === line : match.test(line))

/** Watches the server listening on 127.0.0.1:`port` of this process. */
export const watchTraffic = (port: number): ServerTraffic => {
  const requests: ServedRequest[] = []
  const waiters = new Set<{ match: RequestMatch; resolve: (request: ServedRequest) => void }>()
  const counters = new Set<() => void>()
  let watchedServer: Server | undefined

  const onStart = (message: unknown): void => {
    const { request, response, server } = message as RequestStart
    if ((server.address() as AddressInfo | null)?.port !== port) return
    if (watchedServer === undefined) {
      watchedServer = server
      server.once('close', stop)
    }
    const line = `${request.method} ${(request.url ?? '').split('?')[0]}`
    const ended = new Promise<ExchangeEnd>((resolve) =>
      response.once('close', () => resolve({ finished: response.writableFinished })),
    )
    const served: ServedRequest = { line, headers: request.headers, ended }
    requests.push(served)
    for (const waiter of waiters) {
      if (matches(waiter.match, line)) {
        waiters.delete(waiter)
        waiter.resolve(served)
      }
    }
    counters.forEach((check) => check())
  }
  const stop = (): void => {
    unsubscribe(CHANNEL, onStart)
  }
  subscribe(CHANNEL, onStart)

  return {
    requests,
    next: (match, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const arrival = new Promise<ServedRequest>((resolve) => waiters.add({ match, resolve }))
      return within(
        arrival,
        timeoutMs,
        match === undefined ? 'a request to arrive' : `a request ${String(match)} to arrive`,
      )
    },
    arrived: (match, count, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const matching = (): ServedRequest[] =>
        requests.filter((request) => matches(match, request.line))
      const enough = new Promise<ServedRequest[]>((resolve) => {
        const check = (): void => {
          const found = matching()
          if (found.length < count) return
          counters.delete(check)
          resolve(found)
        }
        counters.add(check)
        check()
      })
      const what = () => `${count} requests ${String(match ?? '')} (${matching().length} came)`
      return within(enough, timeoutMs, what)
    },
    ended: (request, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      within(request.ended, timeoutMs, `the exchange of ${request.line} to end`),
    stop,
  }
}
