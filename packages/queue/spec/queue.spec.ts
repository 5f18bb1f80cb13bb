// The queue's guarantees on both engines, PGlite in this process and a real Postgres server,
// against the emulator: nothing lost, no duplicate job, one final result per id, bad input refused.
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { createClient, type FetchLike } from 'mistral-batch-rx'
import { firstValueFrom, filter, take, toArray } from 'rxjs'
import { isQueueStoreError, type QueueEvent } from '../src/index.js'
import {
  ackedResults,
  pglite,
  postgres,
  testQueue,
  type Engine,
  type TestStore,
} from './support/queueFixture.js'
import { items } from './support/requestItems.js'

/**
 * A queue whose worker dies at its first job's create (its lease, 300 ms, then runs out): `kill`
 * runs the worker to that moment and stops it. `'sent'`: the create reached the server, which
 * made the job, and the answer never came back; `'unsent'`: it never left the process.
 */
const workerKilledAtCreate = async (
  baseUrl: string,
  store: TestStore['store'],
  when: 'sent' | 'unsent',
) => {
  let reached!: () => void
  const createReached = new Promise<void>((resolve) => (reached = resolve))
  const dying: FetchLike = async (input, init) => {
    if (init?.method !== 'POST' || !String(input).endsWith('/v1/batch/jobs')) {
      return globalThis.fetch(input, init)
    }
    if (when === 'sent') await globalThis.fetch(input, { ...init, signal: null })
    reached()
    return new Promise<Response>((_, reject) =>
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    )
  }
  const client = createClient({ apiKey: 'k', baseUrl, fetch: dying })
  const queue = await testQueue(baseUrl, store, { workerId: 'first', leaseMs: 300 }, client)
  return Object.assign(queue, {
    kill: async () => {
      const worker = queue.run$().subscribe()
      await createReached
      worker.unsubscribe()
    },
  })
}

/** The jobs the emulator holds for queue `name`, with their request counts. */
const jobsOf = async (emulator: RunningEmulator, name = 'reviews') => {
  const reply = await fetch(`${emulator.url}/v1/batch/jobs?page_size=100`, {
    headers: { authorization: 'Bearer k' },
  })
  const { data } = (await reply.json()) as {
    data: Array<{ id: string; total_requests: number; metadata: Record<string, string> | null }>
  }
  return data.filter((job) => job.metadata?.mistral_batch_queue === name)
}

describe.each([pglite(), postgres()])('the queue on $name', (engine: Engine) => {
  let emulator: RunningEmulator
  let db: TestStore

  beforeAll(async () => {
    await engine.start()
  }, 60_000)
  afterAll(() => engine.stop())

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
    db = await engine.store()
  }, 30_000)
  afterEach(() => emulator.close())

  it('sends what was enqueued as one job and hands out each result once, acknowledged', async () => {
    const queue = await testQueue(emulator.url, db.store)
    await expect(queue.enqueue(items(50))).resolves.toEqual({ added: 50, duplicates: 0 })
    const worker = queue.run$().subscribe()
    const results = await ackedResults(queue.results$(), 50)
    worker.unsubscribe()
    expect(new Set(results.map((r) => r.id)).size).toBe(50)
    expect(results.every((r) => r.attempt === 1 && r.jobStatus === 'SUCCESS')).toBe(true)
    expect(results.every((r) => r.result?.failed === false && r.deliveries === 1)).toBe(true)
    await expect(queue.stats()).resolves.toEqual({
      pending: 0,
      inJob: 0,
      done: 50,
      delivered: 50,
      failed: 0,
      cancelled: 0,
      redeliveries: 0,
      retries: 0,
      jobs: { open: 0, ended: 1 },
    })
    expect((await jobsOf(emulator)).map((job) => job.total_requests)).toEqual([50])
    await queue.close()
  })

  it('stores an id once: a second enqueue of it, or the same id twice in one call', async () => {
    const queue = await testQueue(emulator.url, db.store)
    await expect(queue.enqueue(items(5))).resolves.toEqual({ added: 5, duplicates: 0 })
    await expect(queue.enqueue([...items(3, 4), ...items(1, 6)])).resolves.toEqual({
      added: 2,
      duplicates: 2,
    })
    await expect(queue.stats()).resolves.toMatchObject({ pending: 7 })
    await queue.close()
  })

  it('refuses a bad item before storing anything of the call, naming it', async () => {
    const queue = await testQueue(emulator.url, db.store)
    const bad = [...items(2), { id: 'r9', body: 'not an object' as unknown as object }]
    const refused = queue.enqueue(bad as never)
    await expect(refused).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'items[2].body',
    })
    await expect(queue.enqueue([{ id: '', body: {} }])).rejects.toMatchObject({
      field: 'items[0].id',
    })
    // a body that does not fit the queue's endpoint (chat) is refused as runBatch$ refuses it
    const robot = { id: 'r10', body: { messages: [{ role: 'robot', content: 'hi' }] } }
    await expect(queue.enqueue([...items(1), robot])).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'items[1].body.messages[0].role',
      message: expect.stringMatching(
        /^enqueue: items\[1\] \(id "r10"\): body\.messages\[0\]\.role: expected one of system, user, assistant, tool/,
      ),
    })
    await expect(queue.stats()).resolves.toMatchObject({ pending: 0 })
    await queue.close()
  })

  it("enqueues inside the caller's transaction: rolled back, nothing; committed, all", async () => {
    const queue = await testQueue(emulator.url, db.store)
    await expect(
      db.transaction(async (tx) => {
        await queue.enqueue(items(3), { client: tx })
        throw new Error('the order could not be saved')
      }),
    ).rejects.toThrow('the order could not be saved')
    await expect(queue.stats()).resolves.toMatchObject({ pending: 0 })
    await db.transaction(async (tx) => {
      await queue.enqueue(items(3), { client: tx })
    })
    await expect(queue.stats()).resolves.toMatchObject({ pending: 3 })
    await queue.close()
  })

  it('makes jobs of at most maxBatchSize, and holds back fewer until maxWaitMs', async () => {
    const queue = await testQueue(emulator.url, db.store, { maxBatchSize: 10, maxWaitMs: 600_000 })
    await queue.enqueue(items(25))
    const created = await firstValueFrom(
      queue.run$().pipe(
        filter((event) => event.type === 'created'),
        take(2),
        toArray(),
      ),
    )
    expect(created.map((event) => event.type === 'created' && event.requests)).toEqual([10, 10])
    // the 5 left wait for 5 more, or for the oldest to have waited ten minutes
    await expect(queue.stats()).resolves.toMatchObject({ pending: 5 })
    await queue.close()
  })

  it('retries failed rows (5xx lines) in later jobs, up to maxAttempts, keeping the last attempt', async () => {
    await emulator.close()
    emulator = await startEmulator({
      port: 0,
      rate: Infinity,
      queueDelayMs: 0,
      failedLines: { rate: 0.4, status: 503 },
    })
    const queue = await testQueue(emulator.url, db.store, { maxAttempts: 3 })
    await queue.enqueue(items(200))
    const events: QueueEvent[] = []
    const worker = queue.run$().subscribe((event) => events.push(event))
    const results = await ackedResults(queue.results$(), 200)
    worker.unsubscribe()
    expect(new Set(results.map((r) => r.id)).size).toBe(200)
    const retried = results.filter((r) => r.attempt > 1)
    expect(retried.length).toBeGreaterThan(40)
    // a row that failed three times keeps its third failure; no row went past three
    expect(results.every((r) => r.attempt <= 3)).toBe(true)
    for (const result of results.filter((r) => r.result?.failed === true)) {
      expect(result.attempt).toBe(3)
      expect(result.result?.response?.status_code).toBe(503)
    }
    const stats = await queue.stats()
    expect(stats).toMatchObject({ pending: 0, inJob: 0, done: 200, delivered: 200 })
    expect(stats.retries).toBe(results.reduce((sum, r) => sum + r.attempt - 1, 0))
    // every request sent once per attempt: the jobs hold the requests plus the retries
    const jobs = await jobsOf(emulator)
    expect(jobs.reduce((sum, job) => sum + job.total_requests, 0)).toBe(200 + stats.retries)
    expect(events.filter((e) => e.type === 'created')).toHaveLength(jobs.length)
    await queue.close()
  })

  it('hands a result not acknowledged within ackTimeoutMs out again, and counts it', async () => {
    const queue = await testQueue(emulator.url, db.store, { ackTimeoutMs: 300 })
    await queue.enqueue(items(3))
    const worker = queue.run$().subscribe()
    // a consumer that dies mid-handling: it takes the results and never acknowledges them
    const lost = await firstValueFrom(queue.results$().pipe(take(3), toArray()))
    expect(lost.map((r) => r.deliveries)).toEqual([1, 1, 1])
    const again = await ackedResults(queue.results$(), 3)
    worker.unsubscribe()
    expect(again.map((r) => r.id).sort()).toEqual(lost.map((r) => r.id).sort())
    expect(again.map((r) => r.deliveries)).toEqual([2, 2, 2])
    await expect(queue.stats()).resolves.toMatchObject({ delivered: 3, redeliveries: 3 })
    await queue.close()
  })

  it('withdraws a pending request: it is never sent and gets no result', async () => {
    const queue = await testQueue(emulator.url, db.store)
    await queue.enqueue(items(4))
    await expect(queue.cancel('r1')).resolves.toBe(true)
    await expect(queue.cancel('r1')).resolves.toBe(false)
    const worker = queue.run$().subscribe()
    const results = await ackedResults(queue.results$(), 3)
    worker.unsubscribe()
    expect(results.map((r) => r.id).sort()).toEqual(['r0', 'r2', 'r3'])
    expect((await jobsOf(emulator)).map((job) => job.total_requests)).toEqual([3])
    await expect(queue.stats()).resolves.toMatchObject({ cancelled: 1, done: 3 })
    await queue.close()
  })

  it('a worker that dies between sending the create and recording it: the next finds that job', async () => {
    // The first worker's create reaches the server and makes the job; its answer never comes
    // back (the process is gone before it is read): the job exists, its id was never recorded.
    const first = await workerKilledAtCreate(emulator.url, db.store, 'sent')
    await first.enqueue(items(20))
    await first.kill()
    // its claim on the job lasts to the end of its lease; then the next worker takes the job over
    const second = await testQueue(emulator.url, db.store, { workerId: 'second' })
    const events: QueueEvent[] = []
    const worker = second.run$().subscribe((event) => events.push(event))
    const results = await ackedResults(second.results$(), 20)
    worker.unsubscribe()
    expect(new Set(results.map((r) => r.id)).size).toBe(20)
    expect(events.filter((e) => e.type === 'created')).toEqual([
      expect.objectContaining({ adopted: true, requests: 20 }),
    ])
    expect(await jobsOf(emulator)).toHaveLength(1)
    await first.close()
    await second.close()
  })

  it('a worker whose create waits out a Retry-After longer than its lease keeps the job: one job', async () => {
    await emulator.close()
    emulator = await startEmulator({
      port: 0,
      rate: Infinity,
      queueDelayMs: 0,
      faults: { rules: [{ route: 'POST /v1/batch/jobs', kind: '429', times: 1 }] },
    })
    // The first worker's create is answered 429 with Retry-After: 1 s (a real server may ask for
    // a minute), which its client waits out; its lease on the job is 300 ms.
    let limited!: () => void
    let retried!: () => void
    const createLimited = new Promise<void>((resolve) => (limited = resolve))
    const createRetried = new Promise<void>((resolve) => (retried = resolve))
    const watching: FetchLike = async (input, init) => {
      const reply = await globalThis.fetch(input, init)
      if (init?.method === 'POST' && String(input).endsWith('/v1/batch/jobs')) {
        if (reply.status === 429) limited()
        else retried()
      }
      return reply
    }
    const firstClient = createClient({ apiKey: 'k', baseUrl: emulator.url, fetch: watching })
    const first = await testQueue(
      emulator.url,
      db.store,
      { workerId: 'first', leaseMs: 300 },
      firstClient,
    )
    await first.enqueue(items(20))
    const events: QueueEvent[] = []
    const workers = [first.run$().subscribe((event) => events.push(event))]
    await createLimited
    // another worker, there all along: it must not take over a job whose create is under way
    const second = await testQueue(emulator.url, db.store, { workerId: 'second' })
    workers.push(second.run$().subscribe((event) => events.push(event)))
    await createRetried
    const results = await ackedResults(second.results$(), 20)
    workers.forEach((worker) => worker.unsubscribe())
    expect(new Set(results.map((r) => r.id)).size).toBe(20)
    expect(await jobsOf(emulator)).toHaveLength(1)
    expect(events.filter((e) => e.type === 'created')).toEqual([
      expect.objectContaining({ adopted: false, requests: 20 }),
    ])
    await first.close()
    await second.close()
  })

  it('ends a job whose create is refused for good: its requests get a result without a line', async () => {
    // a timeout the API refuses (at most 168 hours): every create of these jobs fails the same way
    const queue = await testQueue(emulator.url, db.store, {
      job: { endpoint: '/v1/chat/completions', model: 'm', timeout_hours: 1_000 },
      maxAttempts: 2,
    })
    await queue.enqueue(items(3))
    const events: QueueEvent[] = []
    const worker = queue.run$().subscribe((event) => events.push(event))
    const results = await ackedResults(queue.results$(), 3)
    worker.unsubscribe()
    expect(results.map((r) => [r.result, r.jobStatus, r.attempt])).toEqual([
      [null, 'CREATE_FAILED', 2],
      [null, 'CREATE_FAILED', 2],
      [null, 'CREATE_FAILED', 2],
    ])
    const ended = events.filter((e) => e.type === 'collected')
    expect(ended.map((e) => e.type === 'collected' && [e.status, e.requeued, e.missing])).toEqual([
      ['CREATE_FAILED', 3, 0],
      ['CREATE_FAILED', 0, 3],
    ])
    expect(ended[0]).toMatchObject({ error: { _tag: 'InvalidRequestError' } })
    expect(events.filter((e) => e.type === 'retrying')).toEqual([])
    await expect(queue.stats()).resolves.toMatchObject({
      done: 3,
      failed: 3,
      jobs: { open: 0, ended: 2 },
    })
    expect(await jobsOf(emulator)).toEqual([])
    await queue.close()
  })

  it('ends a job whose every request was cancelled before it could be created', async () => {
    // The first worker claims the requests into a job and dies before its create leaves.
    const first = await workerKilledAtCreate(emulator.url, db.store, 'unsent')
    await first.enqueue(items(3))
    await first.kill()
    for (const item of items(3)) await expect(first.cancel(item.id)).resolves.toBe(true)
    // the next worker takes the job over: there is nothing to send, so it ends the job
    const second = await testQueue(emulator.url, db.store, { workerId: 'second' })
    const event = await firstValueFrom(second.run$())
    expect(event).toEqual({
      type: 'collected',
      batchId: null,
      status: 'NOT_SENT',
      stored: 0,
      requeued: 0,
      missing: 0,
    })
    await expect(second.stats()).resolves.toMatchObject({ jobs: { open: 0, ended: 1 } })
    expect(await jobsOf(emulator)).toEqual([])
    await first.close()
    await second.close()
  })

  it('polls the jobs it holds through the job list: each by id once, then the list alone', async () => {
    // the jobs stay QUEUED: all 8 are open for as long as the test watches
    const queued = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 3_600_000 })
    try {
      let lists = 0
      let fifthList!: () => void
      const fiveLists = new Promise<void>((resolve) => (fifthList = resolve))
      const counting: FetchLike = (input, init) => {
        const url = new URL(String(input))
        if (url.pathname === '/v1/batch/jobs' && url.searchParams.has('status') && ++lists === 5) {
          fifthList()
        }
        return globalThis.fetch(input, init)
      }
      const client = createClient({ apiKey: 'k', baseUrl: queued.url, fetch: counting })
      const queue = await testQueue(queued.url, db.store, { maxBatchSize: 25 }, client)
      await queue.enqueue(items(200))
      const worker = queue.run$().subscribe()
      await fiveLists
      worker.unsubscribe()
      const jobs = await jobsOf(queued)
      expect(jobs).toHaveLength(8)
      const gets = queued.requests.filter((request) => request.method === 'GET')
      // the first round polls each job by id (it learns when each was created); every round
      // after it is one page of the list for all 8
      for (const job of jobs) {
        expect(gets.filter((request) => request.path === `/v1/batch/jobs/${job.id}`)).toHaveLength(
          1,
        )
      }
      const listed = gets.filter(
        (request) => request.path === '/v1/batch/jobs' && request.query.status !== undefined,
      )
      expect(listed.length).toBeGreaterThanOrEqual(5)
      expect(listed[0]?.query).toMatchObject({
        status: ['QUEUED', 'RUNNING', 'CANCELLATION_REQUESTED'],
        page_size: '100',
      })
      await queue.close()
    } finally {
      await queued.close()
    }
  }, 60_000)

  it('refuses a database migrated by a newer version, with a QueueStoreError', async () => {
    const queue = await testQueue(emulator.url, db.store)
    await queue.close()
    await db.query('INSERT INTO mistral_batch_queue.schema_version (version) VALUES (99)')
    const refused = testQueue(emulator.url, db.store)
    await expect(refused).rejects.toMatchObject({ _tag: 'QueueStoreError', reason: 'newer-schema' })
    await refused.catch((error: unknown) => expect(isQueueStoreError(error)).toBe(true))
  })
})

describe('the queue on Postgres, shared', () => {
  const engine = postgres()
  let emulator: RunningEmulator
  beforeAll(async () => {
    await engine.start()
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
  }, 60_000)
  afterAll(async () => {
    await emulator.close()
    await engine.stop()
  })

  it('migrates once when many processes start at once', async () => {
    const db = await engine.store()
    const queues = await Promise.all(
      Array.from({ length: 6 }, () => testQueue(emulator.url, db.store)),
    )
    await expect(
      db.query('SELECT version FROM mistral_batch_queue.schema_version'),
    ).resolves.toEqual([{ version: 1 }])
    await Promise.all(queues.map((queue) => queue.close()))
  })

  it('shares the work of two workers: jobs from both, no request in two jobs', async () => {
    const db = await engine.store()
    const [a, b] = await Promise.all(
      ['a', 'b'].map((workerId) =>
        testQueue(emulator.url, db.store, { workerId, maxBatchSize: 250, name: 'shared' }),
      ),
    )
    if (a === undefined || b === undefined) throw new Error('two queues were opened')
    await a.enqueue(items(1_000))
    await b.enqueue(items(1_000, 1_000))
    const made = { a: 0, b: 0 }
    const workers = [
      a.run$().subscribe((e) => (made.a += e.type === 'created' ? 1 : 0)),
      b.run$().subscribe((e) => (made.b += e.type === 'created' ? 1 : 0)),
    ]
    const results = await ackedResults(a.results$(), 2_000)
    workers.forEach((worker) => worker.unsubscribe())
    expect(new Set(results.map((r) => r.id)).size).toBe(2_000)
    const jobs = await jobsOf(emulator, 'shared')
    expect(jobs.reduce((sum, job) => sum + job.total_requests, 0)).toBe(2_000)
    expect(jobs.every((job) => job.total_requests <= 250)).toBe(true)
    expect(made.a + made.b).toBe(jobs.length)
    await Promise.all([a.close(), b.close()])
  })

  it('says a database it cannot reach is unreachable, with a QueueStoreError', async () => {
    const refused = testQueue(emulator.url, { postgres: 'postgres://postgres@127.0.0.1:9/none' })
    await expect(refused).rejects.toMatchObject({ _tag: 'QueueStoreError', reason: 'unreachable' })
  })
})
