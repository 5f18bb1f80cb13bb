// requestBytes$ against a real server: streaming, idle timeout, retries only before the first byte.
import { firstValueFrom, lastValueFrom, Observable, toArray } from 'rxjs'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { requestBytes$ } from '../../src/http/readBody.js'
import type { RequestSpec } from '../../src/http/request.js'
import {
  hang,
  reset,
  resetAfter,
  stallAfter,
  startServer,
  text,
  type TestServer,
} from '../support/httpServer.js'
import { testContext, within } from '../support/httpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'

const download: RequestSpec = { method: 'GET', path: '/v1/files/f/content', retry: 'safe' }
const decode = (chunks: Uint8Array[]): string =>
  chunks.map((chunk) => new TextDecoder().decode(chunk)).join('')

/** Collects what a download emits until it fails, and the failure. */
const collect = (source: Observable<Uint8Array>) =>
  new Promise<{ text: string; error: unknown }>((resolve) => {
    const chunks: Uint8Array[] = []
    source.subscribe({
      next: (chunk) => chunks.push(chunk),
      error: (error: unknown) => resolve({ text: decode(chunks), error }),
      complete: () => resolve({ text: decode(chunks), error: undefined }),
    })
  })

let server: TestServer
let ctx: HttpContext

beforeEach(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterEach(() => server.close())

describe('requestBytes$', () => {
  it('sends nothing before subscribe, then emits the whole body', async () => {
    server.reply(...Array.from({ length: 3 }, () => text(200, 'line 1\nline 2\n')))
    const get = 'GET /v1/files/f/content'
    await expect(
      requestsBySubscription(server.url, (recording) =>
        requestBytes$(recording, download, { idleTimeoutMs: 1_000 }),
      ),
    ).resolves.toEqual({ built: [], first: [get], second: [get] })
    expect(server.requests).toHaveLength(2)
    const chunks = await lastValueFrom(
      requestBytes$(ctx, download, { idleTimeoutMs: 1_000 }).pipe(toArray()),
    )
    expect(decode(chunks)).toBe('line 1\nline 2\n')
  })

  it('emits chunks as they arrive, before the body has ended', async () => {
    server.reply(stallAfter('first chunk'))
    const chunk = await within(
      firstValueFrom(requestBytes$(ctx, download, { idleTimeoutMs: 5_000 })),
      2_000,
      'the first chunk',
    )
    expect(new TextDecoder().decode(chunk)).toBe('first chunk')
    await within(server.connectionClosed(0), 2_000, 'the socket to close')
  })

  it('gives a TimeoutError when no byte comes for idleTimeoutMs, and does not repeat bytes', async () => {
    server.reply(stallAfter('abc'), text(200, 'abc'))
    const { text: received, error } = await collect(
      requestBytes$(ctx, download, { idleTimeoutMs: 100 }),
    )
    expect(received).toBe('abc')
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).message).toBe(
      `GET ${server.url}/v1/files/f/content received no data for 100 ms`,
    )
    expect(server.requests).toHaveLength(1)
  })

  it('retries a failure before the first byte', async () => {
    server.reply(reset(), text(503, 'busy'), text(200, 'hello'))
    await expect(collect(requestBytes$(ctx, download, { idleTimeoutMs: 1_000 }))).resolves.toEqual({
      text: 'hello',
      error: undefined,
    })
    expect(server.requests).toHaveLength(3)
  })

  it('does not retry a body that broke off after bytes were emitted', async () => {
    server.reply(resetAfter('partial'), text(200, 'partial and more'))
    const { text: received, error } = await collect(
      requestBytes$(ctx, download, { idleTimeoutMs: 1_000 }),
    )
    expect(received).toBe('partial')
    expect(error).toBeInstanceOf(NetworkError)
    expect(server.requests).toHaveLength(1)
  })

  it('times out waiting for headers too', async () => {
    server.reply(hang())
    const { error } = await collect(
      requestBytes$(ctx, { ...download, retry: 'none' }, { idleTimeoutMs: 50 }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
  })
})
