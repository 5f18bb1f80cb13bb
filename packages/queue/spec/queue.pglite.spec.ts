// The queue on PGlite (in this process) against the emulator: requests in, one job, results out.
import { PGlite } from '@electric-sql/pglite'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { createClient } from 'mistral-batch-rx'
import { firstValueFrom, mergeMap, take, toArray } from 'rxjs'
import { createBatchQueue, type BatchQueue, type QueueEvent } from '../src/index.js'

const items = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `r${from + i}`,
    body: { messages: [{ role: 'user', content: `question ${from + i}` }] },
  }))

describe('a queue on PGlite', () => {
  let emulator: RunningEmulator
  let db: PGlite
  let queue: BatchQueue

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: 0 })
    db = new PGlite()
    await db.waitReady
  }, 60_000)
  afterAll(async () => {
    await db.close()
    await emulator.close()
  })

  beforeEach(async () => {
    queue = await createBatchQueue({
      client: createClient({ apiKey: 'k', baseUrl: emulator.url }),
      name: `q-${expect.getState().currentTestName?.length}-${Date.now()}`,
      job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
      store: { pglite: db },
      maxWaitMs: 0,
      pollMs: 10,
      watch: { intervalMs: 10 },
    })
  })

  it('sends what was enqueued as a job and hands out each result once acknowledged', async () => {
    await expect(queue.enqueue(items(50))).resolves.toEqual({ added: 50, duplicates: 0 })
    const events: QueueEvent[] = []
    const worker = queue.run$().subscribe((event) => events.push(event))
    const results = await firstValueFrom(
      queue.results$().pipe(
        mergeMap(async (r) => {
          await r.ack()
          return r
        }),
        take(50),
        toArray(),
      ),
    )
    worker.unsubscribe()
    expect(new Set(results.map((r) => r.id)).size).toBe(50)
    expect(results.every((r) => r.attempt === 1 && r.jobStatus === 'SUCCESS')).toBe(true)
    expect(results.every((r) => r.result?.failed === false)).toBe(true)
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1)
    await expect(queue.stats()).resolves.toMatchObject({
      pending: 0,
      inJob: 0,
      done: 50,
      delivered: 50,
      failed: 0,
      redeliveries: 0,
      jobs: { open: 0, ended: 1 },
    })
  })
})
