// watchJob$ for real: a client's shared watcher following a job the emulator runs, through faults.
import { lastValueFrom, toArray } from 'rxjs'
import { createClient, type MistralBatchClient } from '../../src/client.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { HttpError } from '../../src/errors/HttpError.js'
import { call, type Job } from '../../packages/emulator/spec/support/emulatorClient.js'
import { within } from '../support/httpContext.js'
import { trackedScheduler } from '../support/trackedScheduler.js'
import { chatRequest, UNKNOWN_ID } from './emulatorFixture.js'

/** Fast, fixed-pace polling: these tests are about what is seen, not about the pace. */
const FAST = { intervalMs: 25, backoff: 1, maxIntervalMs: 25, emit: 'every' } as const

const ORDER = ['QUEUED', 'RUNNING', 'SUCCESS']

describe('watchJob$ against the emulator', () => {
  let emulator: RunningEmulator
  let client: MistralBatchClient

  /** Creates an inline job of `n` chat requests straight over HTTP. */
  const createJob = async (n: number): Promise<Job> => {
    const answer = await call(emulator.url, 'POST', '/v1/batch/jobs', {
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      requests: Array.from({ length: n }, (_, i) => chatRequest(i)),
    })
    if (answer.status !== 200) throw new Error(`create failed: ${answer.status} ${answer.text}`)
    return answer.body as Job
  }

  const pollsOf = (jobId: string) =>
    emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/batch/jobs/${jobId}`)
      .length

  beforeAll(async () => {
    // 40 requests at 200/s: a job runs for about 200 ms after 100 ms in the queue.
    emulator = await startEmulator({ port: 0, rate: 200, queueDelayMs: 100 })
    client = createClient({
      baseUrl: emulator.url,
      apiKey: 'test-key',
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    })
  })
  afterAll(() => emulator.close())
  afterEach(() => emulator.faults.clear())

  it('follows a job from its first snapshot to SUCCESS, counters only growing, then completes', async () => {
    const job = await createJob(40)
    const snapshots = await lastValueFrom(client.batch.watchJob$(job.id, FAST).pipe(toArray()))

    const statuses = snapshots.map((s) => s.status)
    expect(statuses[0]).toBe('QUEUED')
    expect(statuses.at(-1)).toBe('SUCCESS')
    expect(statuses).toContain('RUNNING')
    const ranks = statuses.map((s) => ORDER.indexOf(s))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const completed = snapshots.map((s) => s.completed_requests)
    expect(completed).toEqual([...completed].sort((a, b) => a - b))
    const last = snapshots.at(-1) as BatchJob
    expect(last).toMatchObject({
      total_requests: 40,
      completed_requests: 40,
      succeeded_requests: 40,
    })
    // emit: 'every' gives one snapshot per poll, and nothing polls after the terminal one.
    expect(pollsOf(job.id)).toBe(snapshots.length)
  })

  it('emits only changes by default: no two snapshots in a row alike', async () => {
    const job = await createJob(40)
    const { emit: _every, ...changes } = FAST
    const snapshots = await lastValueFrom(client.batch.watchJob$(job.id, changes).pipe(toArray()))
    const key = (s: BatchJob) => `${s.status} ${s.total_requests} ${s.completed_requests}`
    for (let i = 1; i < snapshots.length; i++) {
      expect(key(snapshots[i]!)).not.toBe(key(snapshots[i - 1]!))
    }
    expect(snapshots.at(-1)?.status).toBe('SUCCESS')
    expect(pollsOf(job.id)).toBeGreaterThan(snapshots.length)
  })

  it('goes on through injected 503s, 429s and resets on its polls, to SUCCESS', async () => {
    const job = await createJob(40)
    emulator.faults.set({
      seed: 7,
      rules: [
        { route: 'GET /v1/batch/jobs/:id', kind: '503', rate: 0.2 },
        { route: 'GET /v1/batch/jobs/:id', kind: '429', rate: 0.1, retryAfterSeconds: 0 },
        { route: 'GET /v1/batch/jobs/:id', kind: 'reset', rate: 0.1 },
      ],
    })
    const snapshots = await lastValueFrom(client.batch.watchJob$(job.id, FAST).pipe(toArray()))
    expect(snapshots.at(-1)).toMatchObject({ status: 'SUCCESS', completed_requests: 40 })
    expect(emulator.faults.injected.length).toBeGreaterThan(0)
  })

  it('ends with a typed 404 for a job that does not exist', async () => {
    const error = await lastValueFrom(client.batch.watchJob$(UNKNOWN_ID, FAST)).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(404)
  })

  it('serves two watchers of one job with one request per poll', async () => {
    const job = await createJob(40)
    const watch$ = client.batch.watchJob$(job.id, FAST).pipe(toArray())
    const [first, second] = await Promise.all([lastValueFrom(watch$), lastValueFrom(watch$)])
    expect(second).toEqual(first)
    expect(pollsOf(job.id)).toBe(first.length)
  })

  it('sends no request once unsubscribed, and leaves no timer', async () => {
    const job = await createJob(40)
    const { scheduler, pending } = trackedScheduler()
    const watcher = createClient({ baseUrl: emulator.url, apiKey: 'test-key', scheduler })
    const seen: BatchJob[] = []
    let twoSeen!: () => void
    const twoSnapshots = new Promise<void>((resolve) => (twoSeen = resolve))
    const subscription = watcher.batch.watchJob$(job.id, FAST).subscribe((s) => {
      if (seen.push(s) === 2) twoSeen()
    })
    await within(twoSnapshots, 5_000, 'two snapshots')
    subscription.unsubscribe()
    // each snapshot is one poll (emit: 'every'), and with no timer left none can follow
    expect(pending()).toEqual([])
    expect(pollsOf(job.id)).toBe(2)
  })
})
