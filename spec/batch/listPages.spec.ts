// listPages$ against the emulator and quirky servers: one BatchJobList a page, fetched lazily, always ending.
import { lastValueFrom, take, toArray } from 'rxjs'
import { listPages$ } from '../../src/batch/list.js'
import { HttpError, InvalidRequestError, PaginationError } from '../../src/errors/index.js'
import { testContext } from '../support/httpContext.js'
import { json, startServer, type TestServer } from '../support/httpServer.js'
import { byPage, jobsPage, times } from '../support/pagedReplies.js'
import { requestsBySubscription, runToEnd } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { valuesAndError } from '../support/valuesAndError.js'
import { seedJobs, startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
  await seedJobs(
    env.emulator.url,
    Array.from({ length: 25 }, () => ({})),
  )
})
afterAll(() => env.emulator.close())
beforeEach(() => env.emulator.clearRequests())

describe('listPages$', () => {
  it('sends nothing before subscribe, and one request per subscription', async () => {
    await expect(
      requestsBySubscription(env.emulator.url, (ctx) => listPages$(ctx)),
    ).resolves.toEqual({ built: [], first: ['GET /v1/batch/jobs'], second: ['GET /v1/batch/jobs'] })
    expect(env.calls()).toEqual(['GET /v1/batch/jobs', 'GET /v1/batch/jobs'])
  })

  it('emits one decoded BatchJobList a page', async () => {
    const pages = await lastValueFrom(listPages$(env.ctx, { page_size: 10 }).pipe(toArray()))
    expect(pages.map((page) => [page.data.length, page.total, page.object])).toEqual([
      [10, 25, 'list'],
      [10, 25, 'list'],
      [5, 25, 'list'],
    ])
    expect(new Set(pages.flatMap((page) => page.data.map((job) => job.id))).size).toBe(25)
    expect(env.emulator.requests).toHaveLength(3)
  })

  it('stops after the page that reaches `total`, even when it is full', async () => {
    const pages = await lastValueFrom(listPages$(env.ctx, { page_size: 5 }).pipe(toArray()))
    expect(pages).toHaveLength(5)
    expect(env.emulator.requests).toHaveLength(5)
  })

  it('makes one request for take(1)', async () => {
    await expect(
      runToEnd(env.emulator.url, (ctx) => listPages$(ctx, { page_size: 10 }).pipe(take(1))),
    ).resolves.toEqual({ sent: ['GET /v1/batch/jobs'], timersLeft: [] })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('emits the one empty page of an empty result', async () => {
    const pages = await lastValueFrom(
      listPages$(env.ctx, { model: 'no-such-model' }).pipe(toArray()),
    )
    expect(pages).toEqual([{ data: [], object: 'list', total: 0 }])
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('rejects invalid filters without sending anything', async () => {
    await expect(lastValueFrom(listPages$(env.ctx, { page_size: 0 }))).rejects.toBeInstanceOf(
      InvalidRequestError,
    )
    expect(env.emulator.requests).toHaveLength(0)
  })

  it('gives a 404 as an HttpError', async () => {
    const failure = lastValueFrom(listPages$(testContext(`${env.emulator.url}/nothing-here`)))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
  })

  it('aborts the request when unsubscribed', async () => {
    const outcome = await unsubscribeMidBody(env.emulator, 'GET /v1/batch/jobs', (ctx) =>
      listPages$(ctx),
    )
    expect(outcome).toEqual(ABORTED_MID_BODY)
  })
})

describe('listPages$ against a server whose pages never end', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  it('stops with a repeated-page PaginationError after 2 requests, emitting the page once', async () => {
    server.reply(...times(5, json(200, jobsPage([1, 2], 1_000_000))))
    const { values, error } = await valuesAndError(
      listPages$(testContext(server.url), { page_size: 2 }),
    )
    expect(server.requests).toHaveLength(2)
    expect(values).toHaveLength(1)
    expect(error).toBeInstanceOf(PaginationError)
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'repeated-page',
      page: 1,
      message:
        `GET ${server.url}/v1/batch/jobs?page_size=2: page 1 repeated the page before it; ` +
        'the server seems to ignore `page`, stopping',
    })
  })

  it('stops with a page-cap PaginationError after exactly maxPages requests', async () => {
    server.reply(
      ...times(
        6,
        byPage((page) => jobsPage([2 * page, 2 * page + 1], 1_000_000)),
      ),
    )
    const { values, error } = await valuesAndError(
      listPages$(testContext(server.url, { maxPages: 4 }), { page_size: 2 }),
    )
    expect(server.requests).toHaveLength(4)
    expect(values).toHaveLength(4)
    expect(error).toMatchObject({ _tag: 'PaginationError', reason: 'page-cap', page: 4 })
  })
})
