// download$: GET /v1/files/{file_id}/content against the emulator, chunk by chunk, faults included.
import { lastValueFrom, take, tap, toArray } from 'rxjs'
import {
  HttpError,
  InvalidRequestError,
  NetworkError,
  TimeoutError,
} from '../../src/errors/index.js'
import { download$ } from '../../src/files/fileRequests.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { within } from '../support/httpContext.js'
import { requestsBySubscription } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import {
  chatRequests,
  collectBytes,
  collectText,
  jsonlOf,
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
  it('sends nothing before subscribe, and one request per subscription', async () => {
    const get = `GET /v1/files/${fileId}/content`
    await expect(
      requestsBySubscription(emulator.url, (recording) => download$(recording, fileId)),
    ).resolves.toEqual({ built: [], first: [get], second: [get] })
    expect(contentRequests()).toHaveLength(2)
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
    const dropped = await unsubscribeMidBody(emulator, CONTENT_ROUTE, (recording) =>
      download$(recording, fileId),
    )
    expect(dropped).toEqual(ABORTED_MID_BODY)
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

  it('ends with the caller signal aborting it mid-body', async () => {
    emulator.faults.set({
      rules: [{ route: CONTENT_ROUTE, kind: 'slow-body', chunkBytes: 1024, delayMs: 20 }],
    })
    const controller = new AbortController()
    let firstChunk!: () => void
    const received = new Promise<void>((resolve) => (firstChunk = resolve))
    const failure = lastValueFrom(
      download$(ctx, fileId, { signal: controller.signal }).pipe(
        tap(() => firstChunk()),
        toArray(),
      ),
    )
    await within(received, 5_000, 'the first chunk')
    controller.abort()
    await expect(failure).rejects.toBeInstanceOf(NetworkError)
    expect(contentRequests().map((r) => r.status)).toEqual([0])
  })

  it('can stop early with take(1)', async () => {
    const first = await lastValueFrom(download$(ctx, fileId).pipe(take(1)))
    expect(first.byteLength).toBeGreaterThan(0)
  })
})
