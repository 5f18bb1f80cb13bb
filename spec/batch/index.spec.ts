// The batch API of a client against the emulator: every operation bound, and a real watchJob$.
import { lastValueFrom, toArray } from 'rxjs'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { createClient, type MistralBatchClient } from '../../src/client.js'
import { InvalidRequestError } from '../../src/errors/index.js'
import { TEST_API_KEY, within } from '../support/httpContext.js'
import { trackedScheduler } from '../support/trackedScheduler.js'
import { chatRequest, startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator
let client: MistralBatchClient

beforeAll(async () => {
  // 10 requests at 20 a second: QUEUED for 200 ms, RUNNING for about half a second
  env = await startBatchEmulator({ queueDelayMs: 200, rate: 20 })
  client = createClient({ apiKey: TEST_API_KEY, baseUrl: env.emulator.url })
})
afterAll(() => env.emulator.close())
beforeEach(() => env.emulator.clearRequests())

const smallJob = () =>
  client.batch.create$({
    endpoint: '/v1/chat/completions',
    model: 'mistral-small-latest',
    requests: Array.from({ length: 10 }, (_, i) => chatRequest(i)),
  })

const getsOf = (id: string): number =>
  env.emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/batch/jobs/${id}`)
    .length

const COUNTERS = [
  'total_requests',
  'completed_requests',
  'succeeded_requests',
  'failed_requests',
] as const

describe('client.batch', () => {
  it('binds create$, get$, list$, listPages$, cancel$ and delete$ to the client', async () => {
    const job = await lastValueFrom(
      client.batch.create$(
        {
          endpoint: '/v1/embeddings',
          model: 'mistral-embed',
          requests: [{ body: { input: 'x' } }],
        },
        { idempotencyKey: 'bound' },
      ),
    )
    await expect(lastValueFrom(client.batch.get$(job.id))).resolves.toMatchObject({ id: job.id })
    const listed = await lastValueFrom(
      client.batch.list$({ metadata: { idempotency_key: 'bound' } }).pipe(toArray()),
    )
    expect(listed.map((j) => j.id)).toEqual([job.id])
    const pages = await lastValueFrom(client.batch.listPages$({ page_size: 1 }).pipe(toArray()))
    expect(pages.length).toBeGreaterThanOrEqual(1)
    await expect(lastValueFrom(client.batch.cancel$(job.id))).resolves.toMatchObject({
      id: job.id,
    })
    await expect(lastValueFrom(client.batch.delete$(job.id))).resolves.toMatchObject({
      id: job.id,
      deleted: true,
    })
  })
})

describe('client.batch.watchJob$', () => {
  it('follows a small job to SUCCESS: QUEUED, RUNNING, SUCCESS, counters never decreasing', async () => {
    const job = await lastValueFrom(smallJob())
    const snapshots = await lastValueFrom(
      client.batch.watchJob$(job.id, { intervalMs: 40, backoff: 1 }).pipe(toArray()),
    )
    const statuses = snapshots.map((s) => s.status).filter((s, i, all) => s !== all[i - 1])
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCESS'])
    expect(snapshots.at(-1)).toMatchObject({ completed_requests: 10, total_requests: 10 })
    snapshots.slice(1).forEach((next, i) => {
      const previous = snapshots[i]!
      for (const counter of COUNTERS)
        expect(next[counter]).toBeGreaterThanOrEqual(previous[counter])
    })
  })

  it('gives three watchers of one job one GET per poll', async () => {
    const job = await lastValueFrom(smallJob())
    env.emulator.clearRequests()
    const options = { intervalMs: 40, backoff: 1, emit: 'every' } as const
    const seen = await Promise.all(
      [1, 2, 3].map(() => lastValueFrom(client.batch.watchJob$(job.id, options).pipe(toArray()))),
    )
    expect(seen[0]!.at(-1)?.status).toBe('SUCCESS')
    expect(seen[1]).toEqual(seen[0])
    expect(seen[2]).toEqual(seen[0])
    // with emit: 'every', each poll is one snapshot
    expect(getsOf(job.id)).toBe(seen[0]!.length)
  })

  it('sends no request after unsubscribe, and leaves no timer', async () => {
    const slow = await startBatchEmulator()
    try {
      const { scheduler, pending } = trackedScheduler()
      const watcher = createClient({ apiKey: TEST_API_KEY, baseUrl: slow.emulator.url, scheduler })
      const job = await lastValueFrom(
        watcher.batch.create$({
          endpoint: '/v1/chat/completions',
          model: 'mistral-small-latest',
          requests: [chatRequest(0)],
        }),
      )
      const snapshots: BatchJob[] = []
      let threeSeen!: () => void
      const threePolls = new Promise<void>((resolve) => (threeSeen = resolve))
      const subscription = watcher.batch
        .watchJob$(job.id, { intervalMs: 30, backoff: 1, emit: 'every' })
        .subscribe((snapshot) => {
          if (snapshots.push(snapshot) === 3) threeSeen()
        })
      await within(threePolls, 5_000, 'three polls')
      // between a poll's answer and the wait for the next one: no request is in flight
      subscription.unsubscribe()
      // with no timer left, nothing can start another poll
      expect(pending()).toEqual([])
      expect(slow.emulator.requests.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual(
        [200, 200, 200],
      )
      expect(snapshots.map((s) => s.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED'])
    } finally {
      await slow.emulator.close()
    }
  })

  it('rejects an id that is not a UUID on subscribe, without sending anything', async () => {
    const watch$ = client.batch.watchJob$('job-1')
    const failure = lastValueFrom(watch$)
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({ field: 'jobId' })
    expect(env.emulator.requests).toHaveLength(0)
  })
})
