// list$ against the emulator and quirky servers: lazy pagination, filters, errors, pages that never end.
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs'
import { list$ } from '../../src/batch/list.js'
import { HttpError, PaginationError } from '../../src/errors/index.js'
import type { Job } from '../../packages/emulator/spec/support/emulatorClient.js'
import { call } from '../../packages/emulator/spec/support/emulatorClient.js'
import { testContext } from '../support/httpContext.js'
import { json, startServer, type TestServer } from '../support/httpServer.js'
import { byPage, idOf, jobsPage, times, repeatedPageError } from '../support/pagedReplies.js'
import { requestsBySubscription, runToEnd } from '../support/recordingFetch.js'
import { ABORTED_MID_BODY, unsubscribeMidBody } from '../support/unsubscribeMidBody.js'
import { valuesAndError } from '../support/valuesAndError.js'
import {
  seedJobs,
  startBatchEmulator,
  type BatchEmulator,
  type SeedJob,
} from './emulatorFixture.js'

const LARGE = 'mistral-large-latest'

describe('list$ over 250 jobs', () => {
  let env: BatchEmulator
  let seeded: Job[]

  beforeAll(async () => {
    env = await startBatchEmulator()
    seeded = await seedJobs(
      env.emulator.url,
      Array.from({ length: 250 }, () => ({})),
    )
  })
  afterAll(() => env.emulator.close())
  beforeEach(() => env.emulator.clearRequests())

  it('sends nothing before subscribe, and one request per subscription', async () => {
    await expect(
      requestsBySubscription(env.emulator.url, (ctx) => list$(ctx).pipe(take(1))),
    ).resolves.toEqual({ built: [], first: ['GET /v1/batch/jobs'], second: ['GET /v1/batch/jobs'] })
    expect(env.emulator.requests).toHaveLength(2)
  })

  it('gives 250 decoded jobs, newest first, in 3 requests of page_size 100', async () => {
    const jobs = await lastValueFrom(list$(env.ctx, { page_size: 100 }).pipe(toArray()))
    expect(jobs.map((job) => job.id)).toEqual(seeded.map((job) => job.id).reverse())
    expect(jobs[0]).toEqual(expect.objectContaining({ status: 'QUEUED', object: 'batch' }))
    expect(env.emulator.requests.map((r) => r.query)).toEqual([
      { page: '0', page_size: '100' },
      { page: '1', page_size: '100' },
      { page: '2', page_size: '100' },
    ])
  })

  it('makes one request for take(5)', async () => {
    const jobs = await lastValueFrom(list$(env.ctx).pipe(take(5), toArray()))
    expect(jobs).toHaveLength(5)
    await expect(runToEnd(env.emulator.url, (ctx) => list$(ctx).pipe(take(5)))).resolves.toEqual({
      sent: ['GET /v1/batch/jobs'],
      timersLeft: [],
    })
    expect(env.emulator.requests).toHaveLength(2)
  })

  it('fetches the second page only when the 101st job is wanted', async () => {
    const firstPages = (count: number) =>
      runToEnd(env.emulator.url, (ctx) => list$(ctx, { page_size: 100 }).pipe(take(count)))
    await expect(firstPages(100)).resolves.toEqual({ sent: ['GET /v1/batch/jobs'], timersLeft: [] })
    await expect(firstPages(101)).resolves.toEqual({
      sent: ['GET /v1/batch/jobs', 'GET /v1/batch/jobs'],
      timersLeft: [],
    })
    expect(env.emulator.requests.map((r) => r.query.page)).toEqual(['0', '0', '1'])
  })

  it('stops once `total` is reached, without asking for an empty page', async () => {
    const jobs = await lastValueFrom(list$(env.ctx, { page_size: 125 }).pipe(toArray()))
    expect(jobs).toHaveLength(250)
    expect(env.emulator.requests).toHaveLength(2)
  })
})

describe('list$ filters', () => {
  let env: BatchEmulator
  let early: Job[]
  let late: Job[]
  let cancelled: string[]
  const cutoff = (): Date => new Date(env.emulator.clock.now() - 30_000)

  const spec = (i: number): SeedJob => ({
    ...(i % 4 === 0 ? { model: LARGE } : {}),
    ...(i % 5 === 0 ? { agent_id: 'ag-1' } : {}),
    ...(i % 3 === 0 ? { metadata: { team: 'blue', run: String(i % 2) } } : {}),
  })
  const all = (): Job[] => [...early, ...late]
  const ids = (jobs: ReadonlyArray<{ id: string }>): string[] => jobs.map((job) => job.id).sort()

  beforeAll(async () => {
    env = await startBatchEmulator()
    early = await seedJobs(
      env.emulator.url,
      Array.from({ length: 12 }, (_, i) => spec(i)),
    )
    // created_after needs two groups apart in time: the emulator's clock jumps a minute
    env.emulator.clock.step(60_000)
    late = await seedJobs(
      env.emulator.url,
      Array.from({ length: 8 }, (_, i) => spec(i + 12)),
    )
    cancelled = [early[1]!.id, late[2]!.id]
    for (const id of cancelled) await call(env.emulator.url, 'POST', `/v1/batch/jobs/${id}/cancel`)
  })
  afterAll(() => env.emulator.close())
  beforeEach(() => env.emulator.clearRequests())

  const listed = async (filters: Parameters<typeof list$>[1]): Promise<string[]> =>
    ids(await lastValueFrom(list$(env.ctx, filters).pipe(toArray())))

  it('narrows by model', async () => {
    await expect(listed({ model: LARGE })).resolves.toEqual(
      ids(all().filter((job) => job.model === LARGE)),
    )
    expect(env.emulator.requests[0]?.query).toMatchObject({ model: LARGE })
  })

  it('narrows by agent_id', async () => {
    await expect(listed({ agent_id: 'ag-1' })).resolves.toEqual(
      ids(all().filter((job) => job.agent_id === 'ag-1')),
    )
  })

  it('narrows by metadata, every entry matching', async () => {
    const meta = (job: Job): Record<string, string> =>
      (job.metadata ?? {}) as Record<string, string>
    await expect(listed({ metadata: { team: 'blue' } })).resolves.toEqual(
      ids(all().filter((job) => meta(job).team === 'blue')),
    )
    await expect(listed({ metadata: { team: 'blue', run: '1' } })).resolves.toEqual(
      ids(all().filter((job) => meta(job).team === 'blue' && meta(job).run === '1')),
    )
    expect(env.emulator.requests[1]?.query).toMatchObject({ team: 'blue', run: '1' })
  })

  it('narrows by created_after, as a Date or an ISO string', async () => {
    await expect(listed({ created_after: cutoff() })).resolves.toEqual(ids(late))
    await expect(listed({ created_after: cutoff().toISOString() })).resolves.toEqual(ids(late))
  })

  it('narrows by a list of statuses, sent as repeated keys', async () => {
    await expect(listed({ status: ['CANCELLATION_REQUESTED', 'CANCELLED'] })).resolves.toEqual(
      [...cancelled].sort(),
    )
    expect(env.emulator.requests[0]?.query).toMatchObject({
      status: ['CANCELLATION_REQUESTED', 'CANCELLED'],
    })
    await expect(listed({ status: ['SUCCESS'] })).resolves.toEqual([])
  })

  it('orders oldest first with order_by: created', async () => {
    const jobs = await lastValueFrom(list$(env.ctx, { order_by: 'created' }).pipe(toArray()))
    expect(jobs.map((job) => job.id)).toEqual(all().map((job) => job.id))
  })

  it('combines filters', async () => {
    await expect(listed({ model: LARGE, created_after: cutoff() })).resolves.toEqual(
      ids(late.filter((job) => job.model === LARGE)),
    )
  })

  it('narrows by created_by_me: the emulator leaves out a job created with another key', async () => {
    const foreign = await call(
      env.emulator.url,
      'POST',
      '/v1/batch/jobs',
      { endpoint: '/v1/chat/completions', requests: [{ body: { messages: [] } }] },
      { authorization: 'Bearer sk-someone-else' },
    )
    const foreignId = (foreign.body as Job).id
    env.emulator.clearRequests()
    try {
      await expect(listed({ created_by_me: true })).resolves.toEqual(ids(all()))
      expect(env.emulator.requests[0]?.query).toMatchObject({ created_by_me: 'true' })
      await expect(listed({ created_by_me: false })).resolves.toContain(foreignId)
    } finally {
      await call(env.emulator.url, 'DELETE', `/v1/batch/jobs/${foreignId}`)
    }
  })

  it('pages through a filtered result lazily', async () => {
    const blue = await lastValueFrom(
      list$(env.ctx, { metadata: { team: 'blue' }, page_size: 2 }).pipe(toArray()),
    )
    expect(blue).toHaveLength(7)
    expect(env.emulator.requests).toHaveLength(4)
    env.emulator.clearRequests()
    await firstValueFrom(list$(env.ctx, { metadata: { team: 'blue' }, page_size: 2 }))
    expect(env.emulator.requests).toHaveLength(1)
  })
})

describe('list$ on an empty account, and failures', () => {
  let env: BatchEmulator

  beforeAll(async () => {
    env = await startBatchEmulator()
  })
  afterAll(() => env.emulator.close())
  beforeEach(() => env.emulator.clearRequests())

  it('completes empty after one request', async () => {
    await expect(lastValueFrom(list$(env.ctx).pipe(toArray()))).resolves.toEqual([])
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('gives a 404 as an HttpError, without retrying', async () => {
    const ctx = testContext(`${env.emulator.url}/no-such-prefix`)
    const failure = lastValueFrom(list$(ctx))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 404 })
    expect(env.emulator.requests).toHaveLength(1)
  })

  it('retries a 503 of a page as a safe operation', async () => {
    await seedJobs(env.emulator.url, [{}, {}, {}])
    env.emulator.clearRequests()
    env.emulator.faults.set({
      rules: [{ route: 'GET /v1/batch/jobs', kind: '503', times: 1, skip: 1 }],
    })
    const jobs = await lastValueFrom(list$(env.ctx, { page_size: 2 }).pipe(toArray()))
    env.emulator.faults.clear()
    expect(jobs).toHaveLength(3)
    expect(env.emulator.requests.map((r) => [r.query.page, r.status])).toEqual([
      ['0', 200],
      ['1', 503],
      ['1', 200],
    ])
  })

  it('aborts the request when unsubscribed', async () => {
    const outcome = await unsubscribeMidBody(env.emulator, 'GET /v1/batch/jobs', (ctx) =>
      list$(ctx),
    )
    expect(outcome).toEqual(ABORTED_MID_BODY)
  })
})

describe('list$ against a server whose pages never end', () => {
  let server: TestServer
  beforeEach(async () => {
    server = await startServer()
  })
  afterEach(() => server.close())

  /** The ids of the jobs emitted, and the error that ended the listing. */
  const listed = async (maxPages?: number) => {
    const ctx = testContext(server.url, maxPages === undefined ? {} : { maxPages })
    const { values, error } = await valuesAndError(list$(ctx, { page_size: 2 }))
    return { ids: values.map((job) => job.id), error }
  }

  it('stops with a repeated-page PaginationError after 2 requests when `page` is ignored', async () => {
    server.reply(...times(5, json(200, jobsPage([1, 2], 1_000_000))))
    const { ids, error } = await listed()
    expect(server.requests).toHaveLength(2)
    expect(ids).toEqual([idOf(1), idOf(2)])
    expect(error).toBeInstanceOf(PaginationError)
    expect(error).toMatchObject(repeatedPageError(`${server.url}/v1/batch/jobs?page_size=2`))
  })

  it('stops with a past-total PaginationError when a page contradicts its own `total`', async () => {
    server.reply(json(200, jobsPage([1, 2], 10)), ...times(4, json(200, jobsPage([3, 4], 2))))
    const { ids, error } = await listed()
    expect(server.requests).toHaveLength(2)
    expect(ids).toEqual([idOf(1), idOf(2)])
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'past-total',
      page: 1,
      message:
        `GET ${server.url}/v1/batch/jobs?page_size=2: page 1 brought items, but its \`total\` ` +
        'of 2 in pages of 2 ends before page 1, stopping',
    })
  })

  it('stops with a page-cap PaginationError after maxPages requests when `total` keeps growing', async () => {
    server.reply(
      ...times(
        6,
        byPage((page) => jobsPage([2 * page, 2 * page + 1], 2 * page + 4)),
      ),
    )
    const { ids, error } = await listed(3)
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/batch/jobs?page=0&page_size=2',
      '/v1/batch/jobs?page=1&page_size=2',
      '/v1/batch/jobs?page=2&page_size=2',
    ])
    expect(ids).toHaveLength(6)
    expect(error).toMatchObject({
      _tag: 'PaginationError',
      reason: 'page-cap',
      page: 3,
      message:
        `GET ${server.url}/v1/batch/jobs?page_size=2: 3 pages fetched (the maxPages cap) and ` +
        'the server says more remain, stopping',
    })
  })

  it('emits once a job shifted onto the next page by a new one, and goes on', async () => {
    server.reply(
      json(200, jobsPage([9, 8], 5)),
      json(200, jobsPage([8, 7], 6)),
      json(200, jobsPage([6, 5], 6)),
    )
    const { ids, error } = await listed()
    expect(error).toBeUndefined()
    expect(ids).toEqual([9, 8, 7, 6, 5].map(idOf))
    expect(server.requests).toHaveLength(3)
  })
})
