// The store's failures, each a typed QueueStoreError: a data dir already open, a closed queue, a
// database that goes away under a running worker (waited out, nothing lost), and the processes
// that only enqueue or only consume, which need no client.
import { PGlite } from '@electric-sql/pglite'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { isInvalidRequestError } from 'mistral-batch-rx'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Pool } from 'pg'
import { ReplaySubject, filter, firstValueFrom, lastValueFrom, type Observable } from 'rxjs'
import { createBatchQueue, isQueueStoreError, type QueueEvent } from '../src/index.js'
import { startTestPostgres, type TestPostgres } from './support/postgres.js'
import { ackedResults, testQueue } from './support/queueFixture.js'
import { items } from './support/requestItems.js'
import { startTcpProxy } from './support/tcpProxy.js'

const failureOf = (work: Promise<unknown> | Observable<unknown>): Promise<unknown> =>
  (work instanceof Promise ? work : lastValueFrom(work)).then(
    () => {
      throw new Error('expected a failure')
    },
    (error: unknown) => error,
  )

describe('the PGlite data dir, one queue at a time', () => {
  let scratch: string
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'queue-dir-'))
  })
  afterEach(() => rmSync(scratch, { recursive: true, force: true }))

  it('refuses a second queue on an open dir (in-use), and opens it again once closed', async () => {
    const dataDir = join(scratch, 'data')
    const first = await createBatchQueue({ name: 'q', store: { dataDir } })
    await first.enqueue(items(3))
    const refused = await failureOf(createBatchQueue({ name: 'q', store: { dataDir } }))
    expect(isQueueStoreError(refused)).toBe(true)
    expect(refused).toMatchObject({ reason: 'in-use' })
    await first.close()
    await first.close() // closing twice is harmless
    const again = await createBatchQueue({ name: 'q', store: { dataDir } })
    await expect(again.stats()).resolves.toMatchObject({ pending: 3 })
    await again.close()
  }, 30_000)
})

describe('a queue without a client', () => {
  it('enqueues and counts, and refuses run$ with an InvalidRequestError naming client', async () => {
    const db = new PGlite()
    const queue = await createBatchQueue({ name: 'producer', store: { pglite: db } })
    await expect(queue.enqueue(items(2))).resolves.toEqual({ added: 2, duplicates: 0 })
    await expect(queue.stats()).resolves.toMatchObject({ pending: 2 })
    const refused = await failureOf(queue.run$())
    expect(isInvalidRequestError(refused)).toBe(true)
    expect(refused).toMatchObject({ field: 'client' })
    await queue.close()
    await db.close()
  })
})

describe('a closed queue', () => {
  it('on PGlite: a call after close is a QueueStoreError of reason closed', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'queue-closed-'))
    try {
      const queue = await createBatchQueue({ name: 'q', store: { dataDir: join(scratch, 'd') } })
      await queue.close()
      const refused = await failureOf(queue.stats())
      expect(isQueueStoreError(refused)).toBe(true)
      expect(refused).toMatchObject({ reason: 'closed' })
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }, 30_000)
})

describe('a Postgres server that goes away', () => {
  let server: TestPostgres
  let emulator: RunningEmulator
  beforeAll(async () => {
    server = await startTestPostgres()
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
  }, 60_000)
  afterAll(async () => {
    await emulator.close()
    await server.stop()
  })

  it('a call after close is a QueueStoreError of reason closed', async () => {
    const queue = await testQueue(emulator.url, { postgres: await server.createDatabase() })
    await queue.close()
    await expect(failureOf(queue.stats())).resolves.toMatchObject({
      _tag: 'QueueStoreError',
      reason: 'closed',
    })
  })

  it('outlives connections the server ended: a call on one is unreachable, the next reconnects', async () => {
    const url = await server.createDatabase('terminated')
    const queue = await testQueue(emulator.url, { postgres: url })
    await queue.enqueue(items(5))
    const admin = new Pool({ connectionString: server.url, max: 1 })
    const ended = await admin.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
       WHERE datname = 'terminated' AND pid <> pg_backend_pid()`,
    )
    await admin.end()
    expect(ended.rows.length).toBeGreaterThan(0)
    // the pool may hand out the ended connection once before it has read the server's goodbye
    const first = await queue.stats().catch((error: unknown) => error)
    if (isQueueStoreError(first)) expect(first.reason).toBe('unreachable')
    else expect(first).toMatchObject({ pending: 5 })
    await expect(queue.stats()).resolves.toMatchObject({ pending: 5 })
    await queue.close()
  })

  it('a call while it is out of reach is a QueueStoreError of reason unreachable', async () => {
    const url = new URL(await server.createDatabase())
    const proxy = await startTcpProxy(Number(url.port))
    url.port = String(proxy.port)
    const queue = await testQueue(emulator.url, { postgres: url.toString() })
    proxy.cut()
    const refused = await failureOf(queue.enqueue(items(1)))
    expect(isQueueStoreError(refused)).toBe(true)
    expect(refused).toMatchObject({ reason: 'unreachable' })
    proxy.mend()
    await expect(queue.enqueue(items(1))).resolves.toEqual({ added: 1, duplicates: 0 })
    await queue.close()
    await proxy.close()
  })

  it('a worker and results$ wait out an outage and then deliver every result', async () => {
    const url = new URL(await server.createDatabase())
    const proxy = await startTcpProxy(Number(url.port))
    url.port = String(proxy.port)
    const queue = await testQueue(emulator.url, { postgres: url.toString() }, { pollMs: 20 })
    await queue.enqueue(items(40))
    const events = new ReplaySubject<QueueEvent>()
    proxy.cut()
    const worker = queue.run$().subscribe(events)
    const retrying = await firstValueFrom(
      events.pipe(filter((event) => event.type === 'retrying' && isQueueStoreError(event.error))),
    )
    expect(retrying).toMatchObject({
      type: 'retrying',
      batchId: null,
      error: { reason: 'unreachable' },
    })
    const results = ackedResults(queue.results$(), 40)
    proxy.mend()
    const delivered = await results
    worker.unsubscribe()
    expect(new Set(delivered.map((result) => result.id)).size).toBe(40)
    const seen: QueueEvent[] = []
    events.subscribe((event) => seen.push(event))
    expect(seen.some((event) => event.type === 'collected')).toBe(true)
    await queue.close()
    await proxy.close()
  }, 60_000)
})
