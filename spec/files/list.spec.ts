// list$ and listPages$: GET /v1/files against the emulator and quirky servers, lazily paginated.
import { lastValueFrom, take, toArray } from 'rxjs'
import type { FileObject } from '../../src/codecs/FileObject.js'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import { InvalidRequestError, PaginationError } from '../../src/errors/index.js'
import { list$, listPages$, type ListFilesFilters } from '../../src/files/list.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { testContext } from '../support/httpContext.js'
import { json, startServer, type TestServer } from '../support/httpServer.js'
import { byPage, idOf, times, repeatedPageError } from '../support/pagedReplies.js'
import { valuesAndError } from '../support/valuesAndError.js'
import { requestsBySubscription, runToEnd } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { startFilesEmulator } from './support/filesEmulator.js'

let emulator: RunningEmulator
let ctx: HttpContext

const REQUEST_LINE = '{"custom_id":"a","body":{}}\n'

beforeAll(async () => {
  ;({ emulator, ctx } = await startFilesEmulator())
  for (let i = 0; i < 22; i++) {
    await lastValueFrom(upload$(ctx, REQUEST_LINE, { filename: `batch-${i}.jsonl` }))
  }
  await lastValueFrom(
    upload$(ctx, '{"text":"a"}\n', { filename: 'tune.jsonl', purpose: 'fine-tune' }),
  )
  await lastValueFrom(upload$(ctx, REQUEST_LINE, { filename: 'notes.json' }))
  await lastValueFrom(upload$(ctx, new TextEncoder().encode('x'), { filename: 'raw.bin' }))
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.faults.clear()
  emulator.clearRequests()
})

const names = (filters: ListFilesFilters) =>
  lastValueFrom(list$(ctx, filters).pipe(toArray())).then((files) =>
    files.map((file) => file.filename).sort(),
  )

describe('list$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    await expect(
      requestsBySubscription(emulator.url, (recording) => list$(recording)),
    ).resolves.toEqual({
      built: [],
      first: ['GET /v1/files'],
      second: ['GET /v1/files'],
    })
    expect(emulator.requests).toHaveLength(2)
  })

  it('emits all 25 files with page_size 10 in 3 requests, pages 0..2', async () => {
    const files = await lastValueFrom(list$(ctx, { page_size: 10 }).pipe(toArray()))
    expect(files).toHaveLength(25)
    expect(new Set(files.map((file) => file.id)).size).toBe(25)
    expect(emulator.requests.map((r) => r.query)).toEqual([
      { page: '0', page_size: '10' },
      { page: '1', page_size: '10' },
      { page: '2', page_size: '10' },
    ])
  })

  it('fetches only what is wanted: take(3) costs one request', async () => {
    const files = await lastValueFrom(list$(ctx, { page_size: 10 }).pipe(take(3), toArray()))
    expect(files).toHaveLength(3)
    await expect(
      runToEnd(emulator.url, (recording) => list$(recording, { page_size: 10 }).pipe(take(3))),
    ).resolves.toEqual({ sent: ['GET /v1/files'], timersLeft: [] })
    expect(emulator.requests).toHaveLength(2)
  })

  it('ends on a short page when the server sends no total', async () => {
    const files = await lastValueFrom(
      list$(ctx, { page_size: 10, include_total: false }).pipe(toArray()),
    )
    expect(files).toHaveLength(25)
    expect(emulator.requests).toHaveLength(3)
    expect(emulator.requests[0]?.query).toMatchObject({ include_total: 'false' })
  })

  it('stops once total is reached, without asking for an empty page', async () => {
    const files = await lastValueFrom(list$(ctx, { page_size: 5 }).pipe(toArray()))
    expect(files).toHaveLength(25)
    expect(emulator.requests).toHaveLength(5)
  })

  it('narrows the list with each filter', async () => {
    await expect(names({ purpose: 'fine-tune' })).resolves.toEqual(['tune.jsonl'])
    await expect(names({ search: 'BATCH-2' })).resolves.toEqual([
      'batch-2.jsonl',
      'batch-20.jsonl',
      'batch-21.jsonl',
    ])
    await expect(names({ sample_type: ['instruct'] })).resolves.toEqual(['raw.bin', 'tune.jsonl'])
    await expect(
      names({ mimetypes: ['application/json', 'application/octet-stream'] }),
    ).resolves.toEqual(['notes.json', 'raw.bin'])
    await expect(names({ source: ['mistral'] })).resolves.toEqual([])
    expect((await names({ source: ['upload'], sample_type: ['batch_request'] })).length).toBe(23)
    expect(emulator.requests[4]?.query).toMatchObject({ source: 'mistral' })
    expect(emulator.requests[2]?.query).toMatchObject({ sample_type: 'instruct' })
    expect(emulator.requests[3]?.query).toMatchObject({
      mimetypes: ['application/json', 'application/octet-stream'],
    })
  })

  it('gives an empty stream after one request when nothing matches', async () => {
    await expect(lastValueFrom(list$(ctx, { search: 'nothing' }).pipe(toArray()))).resolves.toEqual(
      [],
    )
    expect(emulator.requests).toHaveLength(1)
  })

  it.each([0, -1, 2.5])('rejects page_size %p before sending anything', async (page_size) => {
    const failure = lastValueFrom(list$(ctx, { page_size }).pipe(toArray()))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field: 'page_size' })
    expect(emulator.requests).toHaveLength(0)
  })

  it('gives the HttpError of a rejected filter', async () => {
    const failure = lastValueFrom(list$(ctx, { purpose: 'nonsense' }).pipe(toArray()))
    await expect(failure).rejects.toMatchObject({ _tag: 'HttpError', status: 422 })
  })

  it('retries a failed page and goes on', async () => {
    emulator.faults.set({ rules: [{ route: 'GET /v1/files', kind: '502', skip: 1, times: 1 }] })
    const files = await lastValueFrom(list$(ctx, { page_size: 10 }).pipe(toArray()))
    expect(files).toHaveLength(25)
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 502, 200, 200])
  })

  it('aborts the page request on unsubscribe: the emulator never finishes the response', async () => {
    const dropped = await unsubscribeMidBody(emulator, 'GET /v1/files', (recording) =>
      list$(recording, { page_size: 10 }),
    )
    expect(dropped).toEqual(ABORTED_MID_BODY)
  })
})

describe('listPages$', () => {
  it('emits one FileList per page, the last one short', async () => {
    const pages = await lastValueFrom(listPages$(ctx, { page_size: 10 }).pipe(toArray()))
    expect(pages.map((page) => page.data.length)).toEqual([10, 10, 5])
    expect(pages[0]).toMatchObject({ object: 'list', total: 25 })
  })

  it('rejects page_size before sending anything', async () => {
    await expect(lastValueFrom(listPages$(ctx, { page_size: 0 }))).rejects.toBeInstanceOf(
      InvalidRequestError,
    )
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('list$ and listPages$ against a server whose pages never end', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  const file = (n: number): FileObject => ({
    id: idOf(n),
    object: 'file',
    bytes: 10,
    created_at: 1_764_000_000,
    filename: `f-${n}.jsonl`,
    purpose: 'batch',
    sample_type: 'batch_request',
    source: 'upload',
  })
  const filesPage = (ids: ReadonlyArray<number>, total: number | null) => ({
    object: 'list',
    data: ids.map(file),
    total,
  })

  it.each([
    ['no `total`', null],
    ['a `total` that lies', 1_000_000],
  ])(
    'list$ stops with a repeated-page PaginationError after 2 requests when `page` is ignored, with %s',
    async (_what, total) => {
      server.reply(...times(5, json(200, filesPage([1, 2], total))))
      const { values, error } = await valuesAndError(
        list$(testContext(server.url), { page_size: 2 }),
      )
      expect(server.requests).toHaveLength(2)
      expect(values.map((f) => f.id)).toEqual([idOf(1), idOf(2)])
      expect(error).toBeInstanceOf(PaginationError)
      expect(error).toMatchObject(repeatedPageError(`${server.url}/v1/files?page_size=2`))
    },
  )

  it('listPages$ stops with a repeated-page PaginationError too, emitting the page once', async () => {
    server.reply(...times(5, json(200, filesPage([1, 2], null))))
    const { values, error } = await valuesAndError(
      listPages$(testContext(server.url), { page_size: 2 }),
    )
    expect(server.requests).toHaveLength(2)
    expect(values).toHaveLength(1)
    expect(error).toMatchObject({ _tag: 'PaginationError', reason: 'repeated-page', page: 1 })
  })

  it('list$ stops with a past-total PaginationError when a page contradicts its own `total`', async () => {
    server.reply(json(200, filesPage([1, 2], 10)), ...times(4, json(200, filesPage([3, 4], 1))))
    const { values, error } = await valuesAndError(list$(testContext(server.url), { page_size: 2 }))
    expect(server.requests).toHaveLength(2)
    expect(values).toHaveLength(2)
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'past-total',
      page: 1,
      message:
        `GET ${server.url}/v1/files?page_size=2: page 1 brought items, but its \`total\` ` +
        'of 1 in pages of 2 ends before page 1, stopping',
    })
  })

  it('list$ stops with a page-cap PaginationError after exactly maxPages requests without a `total`', async () => {
    server.reply(
      ...times(
        6,
        byPage((page) => filesPage([2 * page, 2 * page + 1], null)),
      ),
    )
    const { values, error } = await valuesAndError(
      list$(testContext(server.url, { maxPages: 3 }), { page_size: 2 }),
    )
    expect(server.requests).toHaveLength(3)
    expect(values).toHaveLength(6)
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'page-cap',
      page: 3,
      message:
        `GET ${server.url}/v1/files?page_size=2: 3 pages fetched (the maxPages cap) and ` +
        'the server says more remain, stopping',
    })
  })

  it('list$ emits once a file shifted onto the next page by a new upload', async () => {
    server.reply(
      json(200, filesPage([9, 8], null)),
      json(200, filesPage([8, 7], null)),
      json(200, filesPage([6], null)),
    )
    const { values, error } = await valuesAndError(list$(testContext(server.url), { page_size: 2 }))
    expect(error).toBeUndefined()
    expect(values.map((f) => f.id)).toEqual([9, 8, 7, 6].map(idOf))
    expect(server.requests).toHaveLength(3)
  })
})
