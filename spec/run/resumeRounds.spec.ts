// resumeBatch$ with retryFailed against the emulator: a run dropped in any round continued, its
// rounds read from the jobs, no job made twice, every custom_id once.
import { filter, firstValueFrom, from, lastValueFrom, takeWhile } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { isInvalidRequestError } from '../../src/errors/index'
import type { BatchEvent, CreatedEvent } from '../../src/run/BatchEvent'
import type { RunBatchOptions } from '../../src/run/runOptions'
import { call } from '../../packages/emulator/spec/support/emulatorClient'
import { chatRequests, clientFor, collect, FAST_WATCH, ofType } from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

const RETRY = { maxAttempts: 3 } as const

const expectEachIdOnce = (events: ReadonlyArray<BatchEvent>, count: number): void => {
  const ids = ofType(events, 'result').map((event) => event.custom_id)
  expect(ids).toHaveLength(count)
  expect([...ids].sort()).toEqual(Array.from({ length: count }, (_, i) => String(i)).sort())
}

/** Every job on the emulator, as `batch_attempt` tag -> how many jobs have it. */
const jobsByTag = async (emulator: RunningEmulator): Promise<Record<string, number>> => {
  const { body } = await call(emulator.url, 'GET', '/v1/batch/jobs?page_size=1000')
  const tags: Record<string, number> = {}
  for (const job of (body as { data: Array<{ metadata: Record<string, string> | null }> }).data) {
    const tag = job.metadata?.batch_attempt ?? 'none'
    tags[tag] = (tags[tag] ?? 0) + 1
  }
  return tags
}

const creates = (emulator: RunningEmulator): number =>
  emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batch/jobs').length

describe('resumeBatch$ with retryFailed', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    // jobs stay QUEUED a while, so a run dropped at a create leaves that job unfinished
    emulator = await startEmulator({
      rate: Infinity,
      queueDelayMs: 150,
      failedLines: { rate: 0.3, status: 503 },
    })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.reset())

  /** Runs `runBatch$` until `stop` says so, as a crash would end it; gives the last jobIds seen. */
  const runUntil = async (
    requests: Parameters<ReturnType<typeof clientFor>['runBatch$']>[0],
    options: Partial<RunBatchOptions>,
    stop: (event: BatchEvent) => boolean,
  ): Promise<string[]> => {
    let jobIds: ReadonlyArray<string> = []
    await lastValueFrom(
      clientFor(emulator)
        .runBatch$(requests, { ...CHAT, retryFailed: RETRY, ...options })
        .pipe(
          takeWhile((event) => {
            if (event.type === 'created') jobIds = event.jobIds
            return !stop(event)
          }, true),
        ),
    )
    return [...jobIds]
  }

  it('dropped in the middle of round 2, follows round 2 and makes round 3: no job made twice', async () => {
    const jobIds = await runUntil(
      from(chatRequests(600)),
      { mode: 'file', maxRequestsPerJob: 250, idempotencyKey: 'mid-round-2' },
      (event) => event.type === 'created' && event.attempt === 2,
    )
    expect(await jobsByTag(emulator)).toEqual({ '1:0/3': 1, '1:1/3': 1, '1:2/3': 1, '2:0/1': 1 })
    const roundTwo = jobIds[3]!
    const before = creates(emulator)
    // no expectedCustomIds and no requests: the ids are read back from the first round's files
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, {
        watch: FAST_WATCH,
        retryFailed: RETRY,
        maxRequestsPerJob: 250,
      }),
    )
    expectEachIdOnce(events, 600)
    const results = ofType(events, 'result')
    expect(results.filter((event) => event.attempt === 2).map((event) => event.jobId)).toEqual(
      expect.arrayContaining([roundTwo]),
    )
    const retrying = ofType(events, 'retrying')
    expect(retrying.map((event) => event.attempt)).toEqual([2, 3])
    // round 2 was followed, not made again: the only create is round 3's
    expect(creates(emulator) - before).toBe(1)
    expect(ofType(events, 'created').map((event) => [event.attempt, event.shard])).toEqual([[3, 0]])
    expect(await jobsByTag(emulator)).toEqual({
      '1:0/3': 1,
      '1:1/3': 1,
      '1:2/3': 1,
      '2:0/1': 1,
      '3:0/1': 1,
    })
    const completed = ofType(events, 'completed')[0]!
    expect(completed.jobs.map((job) => job.id).slice(0, 4)).toEqual(jobIds)
    expect(completed.summary).toMatchObject({
      total: 600,
      missing: [],
      retried: retrying[0]!.requests,
      attempts: 600 + retrying[0]!.requests + retrying[1]!.requests,
    })
    expect(ofType(events, 'created')[0]?.jobIds).toEqual([...jobIds, completed.jobs[4]?.id])
  }, 20_000)

  it('dropped between its creates of round 2, finds or makes the missing job, once', async () => {
    const jobIds = await runUntil(
      chatRequests(600),
      { mode: 'inline', maxRequestsPerJob: 100, idempotencyKey: 'half-made' },
      (event) => event.type === 'created' && event.attempt === 2,
    )
    const tagsBefore = await jobsByTag(emulator)
    // about 180 of 600 fail: round 2 has two jobs of at most 100, the second perhaps not made
    expect(tagsBefore['2:0/2']).toBe(1)
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, {
        watch: FAST_WATCH,
        retryFailed: RETRY,
        maxRequestsPerJob: 100,
        requests: chatRequests(600),
      }),
    )
    expectEachIdOnce(events, 600)
    const tags = await jobsByTag(emulator)
    expect([tags['2:0/2'], tags['2:1/2']]).toEqual([1, 1])
    expect(ofType(events, 'completed')[0]?.summary).toMatchObject({ total: 600, missing: [] })
  }, 20_000)

  it('given jobIds without a job whose created event was lost, finds that job by its key', async () => {
    const jobIds = await runUntil(
      chatRequests(300),
      { mode: 'file', idempotencyKey: 'lost-event' },
      (event) => event.type === 'created' && event.attempt === 2,
    )
    const lost = jobIds.pop()
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, { watch: FAST_WATCH, retryFailed: RETRY }),
    )
    expectEachIdOnce(events, 300)
    const roundTwo = ofType(events, 'created').filter((event) => event.attempt === 2)
    expect(roundTwo.map((event) => event.job.id)).toEqual([lost])
    expect((await jobsByTag(emulator))['2:0/1']).toBe(1)
  }, 20_000)

  it('dropped after round 1 before round 2 was made, makes round 2 once', async () => {
    const jobIds = await runUntil(
      chatRequests(300),
      { mode: 'file', idempotencyKey: 'before-round-2' },
      (event) => event.type === 'retrying',
    )
    expect(await jobsByTag(emulator)).toEqual({ '1:0/1': 1 })
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, {
        watch: FAST_WATCH,
        retryFailed: RETRY,
        expectedCustomIds: Array.from({ length: 300 }, (_, i) => String(i)),
      }),
    )
    expectEachIdOnce(events, 300)
    const tags = await jobsByTag(emulator)
    expect(tags['2:0/1']).toBe(1)
    const created = ofType(events, 'created')
    expect(created.map((event) => event.attempt)).toContain(2)
    expect(created.map((event) => event.job.metadata?.idempotency_key)).toEqual(
      created.map((event) => `before-round-2-r${event.attempt}-${event.shard}`),
    )
  }, 20_000)

  it('resumes an inline run only with its requests: the API cannot give them back', async () => {
    const jobIds = await runUntil(
      chatRequests(50),
      { mode: 'inline' },
      (event) => event.type === 'created',
    )
    const error = await firstValueFrom(
      clientFor(emulator).resumeBatch$(jobIds, { watch: FAST_WATCH, retryFailed: RETRY }),
    ).catch((e: unknown) => e)
    expect(isInvalidRequestError(error) && error.field).toBe('requests')
    expect(String(error)).toContain('was sent inline')
  })

  it('refuses options of retry rounds without retryFailed, and a round past maxAttempts', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    const stray = await firstValueFrom(
      clientFor(emulator).resumeBatch$([id], { maxRequestsPerJob: 10 }),
    ).catch((e: unknown) => e)
    expect(isInvalidRequestError(stray) && stray.field).toBe('maxRequestsPerJob')
    const notAnArray = await firstValueFrom(
      clientFor(emulator).resumeBatch$([id], {
        retryFailed: RETRY,
        requests: from(chatRequests(2)) as never,
      }),
    ).catch((e: unknown) => e)
    expect(isInvalidRequestError(notAnArray) && notAnArray.field).toBe('requests')
    const jobIds = await runUntil(
      chatRequests(100),
      {},
      (event) => event.type === 'created' && event.attempt === 2,
    )
    const past = await firstValueFrom(
      clientFor(emulator).resumeBatch$(jobIds, {
        watch: FAST_WATCH,
        retryFailed: { maxAttempts: 1 },
      }),
    ).catch((e: unknown) => e)
    expect(isInvalidRequestError(past) && past.field).toBe('retryFailed.maxAttempts')
  })

  it('takes a run made without retries as its first round', async () => {
    const created = await lastValueFrom(
      clientFor(emulator)
        .runBatch$(chatRequests(200), { ...CHAT, mode: 'file' })
        .pipe(filter((event): event is CreatedEvent => event.type === 'created')),
    )
    const events = await collect(
      clientFor(emulator).resumeBatch$(created.jobIds, {
        watch: FAST_WATCH,
        retryFailed: { maxAttempts: 2 },
      }),
    )
    expectEachIdOnce(events, 200)
    expect(ofType(events, 'retrying')).toHaveLength(1)
    expect(ofType(events, 'created').map((event) => event.job.metadata?.batch_attempt)).toEqual([
      '2:0/1',
    ])
  })
})
