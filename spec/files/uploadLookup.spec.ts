// findUploadedFile$ against hand-made file lists on a node:http server; countedChunks and sizes.
import { lastValueFrom, toArray } from 'rxjs'
import type { FileObject } from '../../src/codecs/FileObject.js'
import {
  countedChunks,
  findUploadedFile$,
  wholeContentBytes,
  type SentContent,
  type UploadedFileQuery,
} from '../../src/files/uploadLookup.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { RECOVERY_CLOCK_SKEW_MS } from '../../src/http/retry.js'
import { testContext } from '../support/httpContext.js'
import { json, startServer, type TestServer } from '../support/httpServer.js'
import { valuesAndError } from '../support/valuesAndError.js'

const FILENAME = 'requests-7f3a.jsonl'
const BYTES = 1234
// The moment the first attempt started, and the earliest creation time a lookup accepts.
const STARTED_MS = Date.UTC(2025, 0, 15, 12, 0, 0)
const SINCE_MS = STARTED_MS - RECOVERY_CLOCK_SKEW_MS

let server: TestServer
let ctx: HttpContext

beforeAll(async () => {
  server = await startServer()
  ctx = testContext(server.url)
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
})

let ids = 0
/** A stored file that matches the query below unless `overrides` say otherwise. */
const storedFile = (overrides: Partial<FileObject> = {}): FileObject => ({
  id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  object: 'file',
  bytes: BYTES,
  created_at: STARTED_MS / 1000 + 1,
  filename: FILENAME,
  purpose: 'batch',
  sample_type: 'batch_request',
  source: 'upload',
  ...overrides,
})
const page = (data: ReadonlyArray<FileObject>) => json(200, { object: 'list', data, total: null })

const sentAll: SentContent = { bytes: BYTES, complete: true }
const query = (overrides: Partial<UploadedFileQuery> = {}): UploadedFileQuery => ({
  filename: FILENAME,
  purpose: 'batch',
  sinceMs: SINCE_MS,
  sent: sentAll,
  ...overrides,
})
const found = (q: UploadedFileQuery = query()) =>
  lastValueFrom(findUploadedFile$(ctx, q).pipe(toArray()))

describe('findUploadedFile$', () => {
  it('lists the files searched by the exact filename and purpose', async () => {
    server.reply(page([]))
    await found()
    expect(server.requests).toHaveLength(1)
    const url = new URL(server.requests[0]?.url ?? '', server.url)
    expect(url.pathname).toBe('/v1/files')
    expect(url.searchParams.get('search')).toBe(FILENAME)
    expect(url.searchParams.get('purpose')).toBe('batch')
  })

  it('emits the file of the same name, purpose and size created since the start', async () => {
    const file = storedFile()
    server.reply(page([file]))
    expect(await found()).toEqual([file])
  })

  it('completes empty when no file is listed', async () => {
    server.reply(page([]))
    expect(await found()).toEqual([])
  })

  it('skips files whose name only contains the filename', async () => {
    const files = [`${FILENAME}.bak`, `old-${FILENAME}`, FILENAME.toUpperCase()].map((filename) =>
      storedFile({ filename }),
    )
    server.reply(page(files))
    expect(await found()).toEqual([])
  })

  it('skips a file of another purpose (the server may ignore the filter)', async () => {
    server.reply(page([storedFile({ purpose: 'fine-tune' })]))
    expect(await found()).toEqual([])
  })

  it('skips a file created before the start minus the clock-skew margin', async () => {
    const tooOld = storedFile({ created_at: SINCE_MS / 1000 - 1 })
    server.reply(page([tooOld]))
    expect(await found()).toEqual([])
  })

  it('accepts a file created within the margin before the start, and exactly at its edge', async () => {
    const skewed = storedFile({ created_at: (STARTED_MS - 60_000) / 1000 })
    const atEdge = storedFile({ created_at: SINCE_MS / 1000 })
    server.reply(page([skewed]), page([atEdge]))
    expect(await found()).toEqual([skewed])
    expect(await found()).toEqual([atEdge])
  })

  it('skips a file whose size is not the size sent', async () => {
    server.reply(page([storedFile({ bytes: BYTES - 1 }), storedFile({ bytes: BYTES + 1 })]))
    expect(await found()).toEqual([])
  })

  it('believes a server that gives no size once the whole body was sent', async () => {
    const sizeless = storedFile({ bytes: null })
    server.reply(page([sizeless]))
    expect(await found()).toEqual([sizeless])
  })

  it('never looks up an attempt whose content was not sent to its end', async () => {
    const partly = query({ sent: { bytes: BYTES, complete: false } })
    // nothing is queued: a request would get the server's 599 and fail the lookup
    expect(await found(partly)).toEqual([])
    expect(server.requests).toHaveLength(0)
  })

  it('emits only the first match, skipping the ones that do not match before it', async () => {
    const first = storedFile()
    server.reply(page([storedFile({ bytes: 1 }), first, storedFile()]))
    expect(await found()).toEqual([first])
  })

  it('reads the next page only while nothing has matched', async () => {
    const fullPage = Array.from({ length: 100 }, () => storedFile({ filename: `x-${FILENAME}` }))
    const match = storedFile()
    server.reply(page(fullPage), page([match]))
    expect(await found()).toEqual([match])
    expect(server.requests).toHaveLength(2)
    server.reply(page([match, ...fullPage]))
    expect(await found()).toEqual([match])
    expect(server.requests).toHaveLength(3)
  })

  it('stops with a PaginationError after 2 requests when the server ignores `page`', async () => {
    const fullPage = page(Array.from({ length: 100 }, () => storedFile({ bytes: 1 })))
    server.reply(fullPage, fullPage)
    const { values, error } = await valuesAndError(findUploadedFile$(ctx, query()))
    expect(values).toEqual([])
    expect(error).toMatchObject({ _tag: 'PaginationError', reason: 'repeated-page', page: 1 })
    expect(server.requests).toHaveLength(2)
  })
})

describe('countedChunks', () => {
  const chunksOf = async function* (...sizes: number[]) {
    for (const size of sizes) yield new Uint8Array(size)
  }
  const source = { [Symbol.asyncIterator]: () => chunksOf(3, 4, 5) }

  it('counts the bytes read and turns complete once the source is exhausted', async () => {
    const sent: SentContent = { bytes: 99, complete: true }
    const counted = countedChunks(source, sent)
    let chunks = 0
    for await (const _chunk of counted) {
      chunks++
      expect(sent.complete).toBe(false)
    }
    expect(chunks).toBe(3)
    expect(sent).toEqual({ bytes: 12, complete: true })
  })

  it('stays incomplete when reading stops early, and counts afresh each iteration', async () => {
    const sent: SentContent = { bytes: 0, complete: false }
    const counted = countedChunks(source, sent)
    for await (const _chunk of counted) break
    expect(sent).toEqual({ bytes: 3, complete: false })
    for await (const _chunk of counted) {
      // read to the end
    }
    expect(sent).toEqual({ bytes: 12, complete: true })
  })
})

describe('wholeContentBytes', () => {
  it('counts a string as UTF-8, and bytes and blobs by their size', () => {
    expect(wholeContentBytes('héllo')).toBe(6)
    expect(wholeContentBytes(new Uint8Array(7))).toBe(7)
    expect(wholeContentBytes(new Blob(['ab', new Uint8Array(3)]))).toBe(5)
  })
})
