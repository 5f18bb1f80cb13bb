// list$ and listPages$: GET /v1/files against the emulator, lazily paginated, with every filter.
import { lastValueFrom, take, toArray } from 'rxjs'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { InvalidRequestError } from '../../src/errors/index.js'
import { list$, listPages$, type ListFilesFilters } from '../../src/files/list.js'
import { upload$ } from '../../src/files/upload.js'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { sleep } from '../support/httpContext.js'
import { runUntilUnsubscribed, slowBody, startFilesEmulator } from './support/filesEmulator.js'

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
  it('sends nothing before subscribe', async () => {
    const files$ = list$(ctx)
    await sleep(20)
    expect(emulator.requests).toHaveLength(0)
    await lastValueFrom(files$.pipe(toArray()))
    expect(emulator.requests).toHaveLength(1)
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
    await sleep(50)
    expect(emulator.requests).toHaveLength(1)
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
    emulator.faults.set(slowBody('GET /v1/files', 256, 40))
    const dropped = await runUntilUnsubscribed(emulator, list$(ctx, { page_size: 10 }))
    expect(dropped).toEqual({ status: 0, values: [] })
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
