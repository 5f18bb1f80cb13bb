// download$: GET /v1/files/{file_id}/content against the emulator, chunk by chunk, faults included.
import { lastValueFrom, take, tap } from 'rxjs'
import {
  HttpError,
  InvalidRequestError,
  NetworkError,
  TimeoutError,
} from '../../src/errors/index.js'
import { download$ } from '../../src/files/fileRequests.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { sleep } from '../support/httpContext.js'
import {
  chatRequests,
  collectBytes,
  collectText,
  eventually,
  jsonlOf,
  runUntilUnsubscribed,
  slowBody,
  startFilesEmulator,
} from './support/filesEmulator.js'

const MISSING_ID = '00000000-0000-4000-8000-000000000000'
const CONTENT_ROUTE = 'GET /v1/files/:id/content'

let emulator: RunningEmulator
let ctx: HttpContext
let fileId: string
let content: string

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  content = jsonlOf(chatRequests(2_000))
  fileId = (await lastValueFrom(upload$(ctx, content, { filename: 'in.jsonl' }))).id
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

const contentRequests = () => emulator.requests.filter((r) => r.path.endsWith('/content'))

describe('download$', () => {
  it('sends nothing before subscribe', async () => {
    const bytes$ = download$(ctx, fileId)
    await sleep(20)
    expect(emulator.requests).toHaveLength(0)
    await collectBytes(bytes$)
    expect(contentRequests()).toHaveLength(1)
  })

  it('emits the content as several chunks that join to the exact bytes', async () => {
    let chunks = 0
    const text = await collectText(
      download$(ctx, fileId).pipe(
        tap(() => {
          chunks++
        }),
      ),
    )
    expect(text).toBe(content)
    expect(content.length).toBeGreaterThan(100_000)
    expect(chunks).toBeGreaterThan(1)
  })

  it('gives the HttpError of a 404 without retrying', async () => {
    const failure = collectBytes(download$(ctx, MISSING_ID))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
    expect(contentRequests()).toHaveLength(1)
  })

  it('rejects a bad id or idle timeout before sending anything', async () => {
    await expect(collectBytes(download$(ctx, 'nope'))).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'fileId',
    })
    await expect(collectBytes(download$(ctx, fileId, { idleTimeoutMs: 0 }))).rejects.toBeInstanceOf(
      InvalidRequestError,
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('aborts the transfer on unsubscribe: the emulator never finishes the response', async () => {
    emulator.faults.set(slowBody(CONTENT_ROUTE, 32 * 1024, 60))
    const dropped = await runUntilUnsubscribed(emulator, download$(ctx, fileId), 1_000)
    expect(dropped.status).toBe(0)
    // the same slow transfer, left to run, is finished and logged as a 200 within that time
    emulator.clearRequests()
    await collectBytes(download$(ctx, fileId))
    await eventually(() => contentRequests()[0]?.status === 200)
  })

  it('errors with a NetworkError when the connection is reset mid-body', async () => {
    emulator.faults.set({ rules: [{ route: CONTENT_ROUTE, kind: 'reset-mid-body' }] })
    const failure = collectBytes(download$(ctx, fileId))
    await expect(failure).rejects.toBeInstanceOf(NetworkError)
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining('body') })
  })

  it('errors with a NetworkError when the body ends short of its Content-Length', async () => {
    emulator.faults.set({ rules: [{ route: CONTENT_ROUTE, kind: 'truncate', cutAtFraction: 0.3 }] })
    await expect(collectBytes(download$(ctx, fileId))).rejects.toBeInstanceOf(NetworkError)
  })

  it('retries a fault that strikes before the first byte', async () => {
    emulator.faults.set({ rules: [{ route: CONTENT_ROUTE, kind: '503', times: 1 }] })
    await expect(collectText(download$(ctx, fileId))).resolves.toBe(content)
    expect(contentRequests()).toHaveLength(2)
  })

  it('times out when no byte arrives for idleTimeoutMs, but not over a slow steady body', async () => {
    emulator.faults.set({
      rules: [{ route: CONTENT_ROUTE, kind: 'slow-body', chunkBytes: 64 * 1024, delayMs: 300 }],
    })
    const failure = collectBytes(download$(ctx, fileId, { idleTimeoutMs: 100 }))
    await expect(failure).rejects.toBeInstanceOf(TimeoutError)
    await expect(failure).rejects.toMatchObject({ timeoutMs: 100 })

    emulator.faults.set({
      rules: [{ route: CONTENT_ROUTE, kind: 'slow-body', chunkBytes: 16 * 1024, delayMs: 30 }],
    })
    await expect(collectText(download$(ctx, fileId, { idleTimeoutMs: 1_000 }))).resolves.toBe(
      content,
    )
  })

  it('ends with the caller signal aborting it', async () => {
    emulator.faults.set({
      rules: [{ route: CONTENT_ROUTE, kind: 'slow-body', chunkBytes: 1024, delayMs: 20 }],
    })
    const controller = new AbortController()
    const failure = collectBytes(download$(ctx, fileId, { signal: controller.signal }))
    await sleep(50)
    controller.abort()
    await expect(failure).rejects.toBeInstanceOf(NetworkError)
  })

  it('can stop early with take(1)', async () => {
    const first = await lastValueFrom(download$(ctx, fileId).pipe(take(1)))
    expect(first.byteLength).toBeGreaterThan(0)
  })
})
