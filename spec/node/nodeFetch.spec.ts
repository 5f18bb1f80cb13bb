// nodeFetch: body-less GETs on node:http (the emulator, and a node:http server for the quirks
// the emulator does not have), everything else handed to the fetch it was given.
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { lastValueFrom, toArray } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { FetchLike } from '../../src/config.js'
import { isNetworkError } from '../../src/errors/index.js'
import { download$ } from '../../src/files/fileRequests.js'
import { nodeFetch } from '../../src/node/index.js'
import { isCompletedEvent } from '../../src/run/batchEventGuards.js'
import { collectText } from '../files/support/filesEmulator.js'
import { TEST_API_KEY, testContext, within } from '../support/httpContext.js'
import {
  closedPort,
  json,
  resetAfter,
  startServer,
  stallAfter,
  type TestServer,
} from '../support/httpServer.js'
import { chatBody, clientFor, collect, FAST_WATCH } from '../run/support/runFixtures.js'

/** nodeFetch whose other requests go to the platform's fetch, each one's method and path noted. */
const handingOver = (): { readonly fetch: FetchLike; readonly handedOver: string[] } => {
  const handedOver: string[] = []
  const fetch = nodeFetch({
    fetch: (input, init) => {
      handedOver.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`)
      return globalThis.fetch(input, init)
    },
  })
  return { fetch, handedOver }
}

describe('nodeFetch against the emulator', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('carries a whole run: polls, lists and downloads on node:http, the upload and the create handed over', async () => {
    const { fetch, handedOver } = handingOver()
    const requests = Array.from({ length: 40 }, (_, i) => ({
      custom_id: `r${i}`,
      body: chatBody(i),
    }))
    emulator.clearRequests()
    const events = await collect(
      clientFor(emulator, { fetch }).runBatch$(requests, {
        job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
        watch: FAST_WATCH,
        mode: 'file',
      }),
    )
    const ids = events.flatMap((event) =>
      event.type === 'result' && event.result._tag === 'Right'
        ? [event.result.right.custom_id]
        : [],
    )
    expect(ids.sort()).toEqual(requests.map((request) => request.custom_id).sort())
    expect(events.find(isCompletedEvent)).toBeDefined()
    const gets = emulator.requests.filter((request) => request.method === 'GET')
    expect(gets.length).toBeGreaterThan(1)
    expect(handedOver.every((line) => !line.startsWith('GET'))).toBe(true)
    expect(handedOver).toEqual(expect.arrayContaining(['POST /v1/files', 'POST /v1/batch/jobs']))
  })
})

describe('nodeFetch against a node:http server', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  const body = Array.from({ length: 2_000 }, (_, i) => `{"custom_id":"r${i}","é":"ü ${i}"}\n`).join(
    '',
  )

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
  ])('asks for compressed bodies and undoes %s', async (encoding, compress) => {
    server.reply((_req, res) => {
      res.writeHead(200, {
        'content-encoding': encoding,
        'content-type': 'application/octet-stream',
      })
      res.end(compress(Buffer.from(body)))
    })
    const ctx = testContext(server.url, { fetch: nodeFetch() })
    expect(await collectText(download$(ctx, '00000000-0000-4000-8000-000000000001'))).toBe(body)
    expect(server.requests[0]?.headers['accept-encoding']).toContain(encoding)
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`)
  })

  it('does not follow a redirect: the client refuses it and the Location is never asked', async () => {
    server.reply((_req, res) => {
      res.writeHead(302, { location: `${server.url}/elsewhere` })
      res.end()
    })
    const ctx = testContext(server.url, { fetch: nodeFetch() })
    const error = await lastValueFrom(
      download$(ctx, '00000000-0000-4000-8000-000000000001', {}, 'none'),
    ).catch((e: unknown) => e)
    expect(String((error as Error).message)).toMatch(/redirect/)
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/files/00000000-0000-4000-8000-000000000001/content',
    ])
  })

  it('a compressed redirect whose body is never read fails as a refused redirect, nothing thrown past it', async () => {
    server.reply((_req, res) => {
      res.writeHead(302, { location: `${server.url}/elsewhere`, 'content-encoding': 'gzip' })
      // half a gzip body, then the connection is cut while nobody reads it
      res.write(gzipSync(Buffer.from(body)).subarray(0, 100))
      setTimeout(() => res.socket?.destroy(), 5)
    })
    const uncaught: unknown[] = []
    const onUncaught = (error: unknown): void => {
      uncaught.push(error)
    }
    process.on('uncaughtException', onUncaught)
    try {
      const ctx = testContext(server.url, { fetch: nodeFetch() })
      const error = await lastValueFrom(
        download$(ctx, '00000000-0000-4000-8000-000000000001', {}, 'none'),
      ).catch((e: unknown) => e)
      expect(String((error as Error).message)).toMatch(/redirect/)
      await within(server.connectionClosed(0), 5_000, 'the connection to close')
    } finally {
      process.off('uncaughtException', onUncaught)
    }
    expect(uncaught).toEqual([])
  })

  it('a body cut off mid-stream is a NetworkError, after the chunks that came', async () => {
    server.reply(resetAfter('{"custom_id":"a"}\n'))
    const ctx = testContext(server.url, { fetch: nodeFetch() })
    const chunks: string[] = []
    const error = await new Promise<unknown>((resolve) => {
      download$(ctx, '00000000-0000-4000-8000-000000000001', {}, 'none').subscribe({
        next: (chunk) => chunks.push(Buffer.from(chunk).toString('utf8')),
        error: resolve,
        complete: () => resolve(undefined),
      })
    })
    expect(isNetworkError(error)).toBe(true)
    expect(chunks.join('')).toBe('{"custom_id":"a"}\n')
  })

  it('reads JSON answers through the same body (a job by id)', async () => {
    const job = { id: 'job-1', object: 'batch', status: 'QUEUED' }
    server.reply(json(200, job))
    const fetch = nodeFetch()
    const response = await fetch(`${server.url}/v1/batch/jobs/job-1`, { headers: { a: 'b' } })
    expect(response.ok).toBe(true)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual(job)
    expect(server.requests[0]?.headers.a).toBe('b')
  })

  it('aborting mid-body ends the read with the abort and closes the connection', async () => {
    server.reply(stallAfter('{"custom_id":"a"}\n'))
    const controller = new AbortController()
    const ctx = testContext(server.url, { fetch: nodeFetch() })
    const chunks: Uint8Array[] = []
    const failed = new Promise<unknown>((resolve) => {
      download$(ctx, '00000000-0000-4000-8000-000000000001', {
        signal: controller.signal,
      }).subscribe({
        next: (chunk) => {
          chunks.push(chunk)
          controller.abort()
        },
        error: resolve,
      })
    })
    const error = await within(failed, 5_000, 'the aborted download to fail')
    expect(isNetworkError(error)).toBe(true)
    expect(chunks).toHaveLength(1)
    await within(server.connectionClosed(0), 5_000, 'the connection to close')
  })

  it('a signal aborted before the call rejects at once, sending nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      nodeFetch()(`${server.url}/x`, { signal: controller.signal }),
    ).rejects.toBeDefined()
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a URL that is neither http nor https', async () => {
    await expect(nodeFetch()('ftp://127.0.0.1/x')).rejects.toThrow(/ftp: URLs are not supported/)
  })

  it('a refused connection is a NetworkError that keeps its code and never shows the key', async () => {
    const port = await closedPort()
    const ctx = testContext(`http://127.0.0.1:${port}`, {
      fetch: nodeFetch(),
      retry: { maxRetries: 0 },
    })
    const error = await lastValueFrom(
      download$(ctx, '00000000-0000-4000-8000-000000000001').pipe(toArray()),
    ).catch((e: unknown) => e)
    expect(isNetworkError(error)).toBe(true)
    expect((error as { code?: string }).code).toBe('ECONNREFUSED')
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY)
    expect(String(error)).not.toContain(TEST_API_KEY)
  })
})
