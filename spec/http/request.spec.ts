// request$ against a real node:http server: laziness, aborts, timeouts, retries and error bodies.
import crossFetch from 'cross-fetch'
import { firstValueFrom, lastValueFrom, type Observable } from 'rxjs'
import { HttpError, NetworkError, TimeoutError, isHttpError } from '../../src/errors/index.js'
import { bodyChunks$, readText$ } from '../../src/http/bodyChunks.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { request$, type RequestSpec } from '../../src/http/request.js'
import { isProvablyUnprocessed } from '../../src/http/retry.js'
import {
  closedPort,
  hang,
  json,
  reset,
  stallAfter,
  startServer,
  text,
  type TestServer,
} from '../support/httpServer.js'
import { testContext, TEST_API_KEY, within } from '../support/httpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'

const failure = async (source: Observable<unknown>): Promise<unknown> => {
  try {
    await lastValueFrom(source)
  } catch (error) {
    return error
  }
  throw new Error('expected the observable to fail')
}

const readAll = (response: Response, signal: AbortSignal): Observable<string> =>
  readText$(response.body, signal)

const get: RequestSpec = { method: 'GET', path: '/v1/things', retry: 'safe' }

let server: TestServer
let ctx: HttpContext

beforeEach(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterEach(() => server.close())

describe('request$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    server.reply(json(200, { ok: true }), json(200, { ok: true }), json(200, { ok: true }))
    await expect(
      requestsBySubscription(server.url, (recording) => request$(recording, get, readAll)),
    ).resolves.toEqual({ built: [], first: ['GET /v1/things'], second: ['GET /v1/things'] })
    expect(server.requests).toHaveLength(2)
    await expect(firstValueFrom(request$(ctx, get, readAll))).resolves.toBe('{"ok":true}')
  })

  it('sends the method, path, query, headers and JSON body, without touching the spec', async () => {
    server.reply(json(200, {}), json(200, {}))
    const spec: RequestSpec = Object.freeze({
      method: 'POST',
      path: '/v1/batch/jobs',
      query: Object.freeze({ status: ['QUEUED', 'RUNNING'], inline: true }),
      json: Object.freeze({ endpoint: '/v1/chat/completions' }),
      headers: Object.freeze({ 'X-Trace': 'abc' }),
      retry: 'none',
    } as const)
    const before = JSON.stringify(spec)
    const response$ = request$(ctx, spec, readAll)
    await lastValueFrom(response$)
    await lastValueFrom(response$)
    expect(JSON.stringify(spec)).toBe(before)
    expect(server.requests).toHaveLength(2)
    const [first, second] = server.requests
    expect(first).toEqual(second)
    expect(first?.method).toBe('POST')
    expect(first?.url).toBe('/v1/batch/jobs?status=QUEUED&status=RUNNING&inline=true')
    expect(first?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`)
    expect(first?.headers['user-agent']).toBe('mistral-batch-rx/0.1.0')
    expect(first?.headers['content-type']).toBe('application/json')
    expect(first?.headers['x-trace']).toBe('abc')
    expect(JSON.parse(first?.body ?? '')).toEqual({ endpoint: '/v1/chat/completions' })
  })

  it('closes the connection when unsubscribed while waiting for headers', async () => {
    server.reply(hang())
    const subscription = request$(ctx, get, readAll).subscribe({ error: () => undefined })
    await within(server.requestsArrived(1), 2_000, 'the request')
    subscription.unsubscribe()
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
    expect(server.requests).toHaveLength(1)
  })

  it('closes the connection when unsubscribed while the body is still arriving', async () => {
    server.reply(stallAfter('{"first":', '"chunk"'))
    let received!: () => void
    const firstChunk = new Promise<void>((resolve) => (received = resolve))
    const subscription = request$(ctx, { ...get, timeoutMs: null }, (response, signal) =>
      bodyChunks$(response.body, signal),
    ).subscribe({ next: () => received(), error: () => undefined })
    await within(firstChunk, 2_000, 'the first chunk')
    subscription.unsubscribe()
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
  })

  it("ends with a NetworkError, not retried, when the caller's signal aborts", async () => {
    server.reply(hang())
    const controller = new AbortController()
    const error = failure(request$(ctx, { ...get, signal: controller.signal }, readAll))
    await within(server.requestsArrived(1), 2_000, 'the request')
    controller.abort()
    const caught = await error
    expect(caught).toBeInstanceOf(NetworkError)
    expect((caught as NetworkError).code).toBe('ABORT_ERR')
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
    expect(server.requests).toHaveLength(1)
  })

  it('sends nothing when the caller signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const caught = await failure(request$(ctx, { ...get, signal: controller.signal }, readAll))
    expect(caught).toBeInstanceOf(NetworkError)
    expect(server.requests).toHaveLength(0)
  })

  it('gives a TimeoutError when the response takes longer than timeoutMs', async () => {
    server.reply(hang())
    const caught = await failure(request$(ctx, { ...get, retry: 'none', timeoutMs: 50 }, readAll))
    expect(caught).toBeInstanceOf(TimeoutError)
    expect((caught as TimeoutError).message).toBe(
      `GET ${server.url}/v1/things timed out after 50 ms`,
    )
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
  })

  it('retries a timed-out attempt of a safe request', async () => {
    server.reply(hang(), json(200, { ok: true }))
    const body = await lastValueFrom(request$(ctx, { ...get, timeoutMs: 100 }, readAll))
    expect(body).toBe('{"ok":true}')
    expect(server.requests).toHaveLength(2)
  })

  describe('retries', () => {
    const rateLimited = {
      object: 'error',
      message: 'Rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: '1300',
    }

    it.each([
      ['Retry-After in seconds', { 'retry-after': '1' }],
      [
        'Retry-After as an HTTP date',
        { 'retry-after': new Date(Date.now() + 5_000).toUTCString() },
      ],
      ['retry-after-ms', { 'retry-after-ms': '5' }],
    ])('retries a 429 with %s, then succeeds: two requests', async (_form, headers) => {
      server.reply(json(429, rateLimited, headers), json(200, { ok: true }))
      await expect(lastValueFrom(request$(ctx, get, readAll))).resolves.toBe('{"ok":true}')
      expect(server.requests).toHaveLength(2)
    })

    it('retries 503 and a connection reset', async () => {
      server.reply(text(503, 'busy'), reset(), json(200, { ok: true }))
      await expect(lastValueFrom(request$(ctx, get, readAll))).resolves.toBe('{"ok":true}')
      expect(server.requests).toHaveLength(3)
    })

    it.each([408, 409, 500, 502, 504])('retries %i', async (status) => {
      server.reply(text(status, 'oops'), json(200, { ok: true }))
      await expect(lastValueFrom(request$(ctx, get, readAll))).resolves.toBe('{"ok":true}')
      expect(server.requests).toHaveLength(2)
    })

    it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
      server.reply(json(status, { detail: 'no' }), json(200, { ok: true }))
      const caught = await failure(request$(ctx, get, readAll))
      expect(caught).toBeInstanceOf(HttpError)
      expect((caught as HttpError).status).toBe(status)
      expect(server.requests).toHaveLength(1)
    })

    it('gives up after maxRetries, with the last HttpError', async () => {
      server.reply(...Array.from({ length: 4 }, () => text(503, 'busy')), json(200, {}))
      const caught = await failure(request$(ctx, get, readAll))
      expect(isHttpError(caught) && caught.status).toBe(503)
      expect(server.requests).toHaveLength(4)
    })

    it('retries an unsafe request only when it provably was not processed', async () => {
      const post: RequestSpec = {
        method: 'POST',
        path: '/v1/batch/jobs',
        json: {},
        retry: 'unsafe',
      }
      server.reply(json(429, rateLimited), json(500, {}), json(200, {}))
      const caught = await failure(request$(ctx, post, readAll))
      expect(isHttpError(caught) && caught.status).toBe(500)
      expect(server.requests).toHaveLength(2)
    })

    it('never retries a request marked none', async () => {
      server.reply(json(429, rateLimited), json(200, {}))
      await failure(request$(ctx, { ...get, retry: 'none' }, readAll))
      expect(server.requests).toHaveLength(1)
    })
  })

  describe('error bodies', () => {
    const failWith = async (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ): Promise<HttpError> => {
      server.reply(json(status, body, headers))
      const caught = await failure(request$(ctx, { ...get, retry: 'none' }, readAll))
      if (!(caught instanceof HttpError)) throw caught
      return caught
    }
    const where = (): string => `GET ${server.url}/v1/things`
    const detail = [
      { type: 'missing', loc: ['body', 'endpoint'], msg: 'Field required', input: {} },
      {
        type: 'less_than_equal',
        loc: ['body', 'timeout_hours'],
        msg: 'Input should be <= 168',
        input: 500,
      },
    ]

    it('reads the documented body', async () => {
      const error = await failWith(
        429,
        {
          object: 'error',
          message: 'Rate limit exceeded',
          type: 'rate_limited',
          param: null,
          code: '1300',
        },
        {
          'x-kong-request-id': 'kong-1',
          'retry-after': '7',
          'x-ratelimit-limit-req-minute': '60',
          'x-ratelimit-remaining-req-minute': '0',
          'x-ratelimit-remaining-tokens-month': '1000',
        },
      )
      expect(error.message).toBe(`Request failed with status 429: ${where()}: Rate limit exceeded`)
      expect(error).toMatchObject({
        status: 429,
        method: 'GET',
        url: `${server.url}/v1/things`,
        type: 'rate_limited',
        code: '1300',
        param: undefined,
        requestId: 'kong-1',
        retryAfterMs: 7_000,
        rateLimit: {
          'x-ratelimit-limit-req-minute': '60',
          'x-ratelimit-remaining-req-minute': '0',
          'x-ratelimit-remaining-tokens-month': '1000',
        },
      })
    })

    it('reads {message, request_id}', async () => {
      const error = await failWith(401, { message: 'Unauthorized', request_id: 'req-9' })
      expect(error.message).toBe(`Request failed with status 401: ${where()}: Unauthorized`)
      expect(error.requestId).toBe('req-9')
    })

    it('reads {detail: string}, preferring the x-request-id header', async () => {
      const error = await failWith(401, { detail: 'Unauthorized' }, { 'x-request-id': 'hdr-1' })
      expect(error.message).toBe(`Request failed with status 401: ${where()}: Unauthorized`)
      expect(error.requestId).toBe('hdr-1')
    })

    it('reads a 422 {detail: [...]}', async () => {
      const error = await failWith(422, { detail })
      expect(error.message).toBe(
        `Request failed with status 422: ${where()}: body.endpoint: Field required; ` +
          'body.timeout_hours: Input should be <= 168',
      )
      expect(error.detail).toEqual(detail)
    })

    it('reads a 422 wrapped in the documented body', async () => {
      const error = await failWith(422, {
        object: 'error',
        message: { detail },
        type: 'invalid_request_error',
        param: null,
        code: null,
      })
      expect(error.type).toBe('invalid_request_error')
      expect(error.detail).toEqual(detail)
      expect(error.message).toContain('body.endpoint: Field required')
    })

    it('keeps a body of unknown shape out, with a plain message', async () => {
      server.reply(text(502, '<html>Bad gateway</html>'))
      const caught = await failure(request$(ctx, { ...get, retry: 'none' }, readAll))
      expect(caught).toMatchObject({ status: 502, body: undefined, rateLimit: {} })
      expect((caught as HttpError).message).toBe(`Request failed with status 502: ${where()}`)
    })
  })

  it("hands spec.redirect to fetch, and 'manual' when the spec has none, never 'follow'", async () => {
    const seen: Array<RequestRedirect | undefined> = []
    const recording = testContext(server.url, {
      fetch: (input, init) => {
        seen.push(init?.redirect)
        return fetch(input, init)
      },
    })
    server.reply(json(200, {}), json(200, {}))
    await lastValueFrom(request$(recording, { ...get, redirect: 'error' }, readAll))
    await lastValueFrom(request$(recording, get, readAll))
    expect(seen).toEqual(['error', 'manual'])
  })

  it("makes a redirect a NetworkError, never followed, under redirect: 'error'", async () => {
    server.reply((_req, res) => {
      res.writeHead(307, { location: '/v1/elsewhere' })
      res.end()
    })
    const caught = await failure(
      request$(ctx, { ...get, retry: 'none', redirect: 'error' }, readAll),
    )
    expect(caught).toBeInstanceOf(NetworkError)
    expect(server.requests.map((request) => request.url)).toEqual(['/v1/things'])
  })

  it('gives a NetworkError with ECONNREFUSED when nothing listens, proving nothing was sent', async () => {
    const port = await closedPort()
    const refused = testContext(`http://127.0.0.1:${port}`, { retry: { maxRetries: 0 } })
    const caught = await failure(request$(refused, get, readAll))
    expect(caught).toBeInstanceOf(NetworkError)
    expect((caught as NetworkError).code).toBe('ECONNREFUSED')
    expect(isProvablyUnprocessed(caught)).toBe(true)
  })
})

describe('request$ with the cross-fetch ponyfill (no global fetch)', () => {
  let ponyfilled: HttpContext
  beforeEach(() => {
    ponyfilled = testContext(server.url, { fetch: crossFetch })
  })

  it('reads a body and sends the key', async () => {
    server.reply(json(200, { ok: true }))
    await expect(lastValueFrom(request$(ponyfilled, get, readAll))).resolves.toBe('{"ok":true}')
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`)
  })

  it('reads an error body, its headers, and retries', async () => {
    server.reply(
      json(
        429,
        { message: 'slow down' },
        { 'retry-after-ms': '1', 'x-ratelimit-limit-req-minute': '5' },
      ),
      json(404, { detail: 'Not found' }, { 'x-kong-request-id': 'k-2' }),
    )
    const caught = await failure(request$(ponyfilled, get, readAll))
    expect(caught).toMatchObject({
      status: 404,
      message: expect.stringMatching(/Not found$/),
      requestId: 'k-2',
    })
    expect(server.requests).toHaveLength(2)
  })

  it('closes the connection when unsubscribed during the body', async () => {
    server.reply(stallAfter('{"first":'))
    let received!: () => void
    const firstChunk = new Promise<void>((resolve) => (received = resolve))
    const subscription = request$(ponyfilled, { ...get, timeoutMs: null }, (response, signal) =>
      bodyChunks$(response.body, signal),
    ).subscribe({ next: () => received(), error: () => undefined })
    await within(firstChunk, 2_000, 'the first chunk')
    subscription.unsubscribe()
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
  })

  it('keeps the ECONNREFUSED code', async () => {
    const port = await closedPort()
    const refused = testContext(`http://127.0.0.1:${port}`, {
      fetch: crossFetch,
      retry: { maxRetries: 0 },
    })
    const caught = await failure(request$(refused, get, readAll))
    expect(caught).toMatchObject({ _tag: 'NetworkError', code: 'ECONNREFUSED' })
  })
})

describe.each([
  ['the platform fetch', undefined],
  ['cross-fetch (node-fetch 2)', crossFetch],
])('a redirect to another origin with %s', (_name, fetchImpl) => {
  let elsewhere: TestServer
  beforeEach(async () => {
    elsewhere = await startServer()
  })
  afterEach(() => elsewhere.close())

  const redirectTo = (status: number, target: string) => () =>
    server.reply((_req, res) => {
      res.writeHead(status, { location: target })
      res.end()
    })

  it.each([301, 302, 303, 307, 308])(
    'is an HttpError %s after one request, never followed with the key or the body',
    async (status) => {
      redirectTo(status, `${elsewhere.url}/v1/batch/jobs`)()
      const ctx3 = testContext(server.url, {
        ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
        retry: { maxRetries: 3 },
      })
      const caught = await failure(
        request$(
          ctx3,
          { method: 'POST', path: '/v1/batch/jobs', json: { a: 1 }, retry: 'safe' },
          readAll,
        ),
      )
      expect(caught).toMatchObject({ _tag: 'HttpError', status })
      expect((caught as HttpError).message).toMatch(/redirect, which is not followed/)
      expect(server.requests).toHaveLength(1)
      expect(elsewhere.requests).toEqual([])
    },
  )

  it('costs one request for a redirect loop', async () => {
    redirectTo(302, `${server.url}/v1/things`)()
    const ctx3 = testContext(server.url, fetchImpl === undefined ? {} : { fetch: fetchImpl })
    const caught = await failure(request$(ctx3, { ...get, retry: 'safe' }, readAll))
    expect(caught).toMatchObject({ _tag: 'HttpError', status: 302 })
    expect(server.requests).toHaveLength(1)
  })
})
