// jobProgress: a signal that follows a real job on the emulator, shows errors, stops with its injector.
import { randomUUID } from 'node:crypto'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { filter, firstValueFrom, lastValueFrom, Subject, throwError } from 'rxjs'
import {
  createClient,
  isHttpError,
  isTerminalStatus,
  type BatchJob,
  type ClientConfig,
  type FetchLike,
  type MistralBatchClient,
} from 'mistral-batch-rx'
import { recordingFetch } from '../../../spec/support/recordingFetch.js'
import { trackedScheduler } from '../../../spec/support/trackedScheduler.js'
import { createChatJob } from './support/chatJob.js'
import { appInjector, loadAngular } from './support/loadAngular.js'
import { until } from './support/signals.js'

const ng = loadAngular()

/** Polls every 10 ms, so a watch left running would show within a test. */
const WATCH = { intervalMs: 10, backoff: 1 } as const
/** How long a new job stays QUEUED: until a test steps the emulator's clock past it. */
const QUEUE_DELAY_MS = 60_000

const isJob = (job: BatchJob | undefined): job is BatchJob => job !== undefined
const hasEnded = (job: BatchJob | undefined): boolean =>
  job !== undefined && isTerminalStatus(job.status)

describe('jobProgress', () => {
  let emulator: RunningEmulator
  /** The core client, outside Angular: makes the jobs the tests watch. */
  let jobs: MistralBatchClient
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rate: Infinity, queueDelayMs: QUEUE_DELAY_MS })
    jobs = createClient({ apiKey: 'k', baseUrl: emulator.url })
  })
  afterAll(() => emulator.close())

  /** The config of the app's client; its fetch calls and timers are recorded. */
  const watched = () => {
    const { fetch: recorded, calls } = recordingFetch()
    const sent = new Subject<number>()
    const fetch: FetchLike = (input, init) => {
      const response = recorded(input, init)
      sent.next(calls.length)
      return response
    }
    const { scheduler, pending, scheduled } = trackedScheduler()
    const config: ClientConfig = { apiKey: 'k', baseUrl: emulator.url, fetch, scheduler }
    /** Resolves once the `n`th request is sent. */
    const nthSent = (n: number) => firstValueFrom(sent.pipe(filter((count) => count === n)))
    return { config, calls, pending, scheduled, nthSent }
  }

  /** A job that has ended with SUCCESS. */
  const finishedJob = async (): Promise<BatchJob> => {
    const job = await createChatJob(jobs)
    emulator.clock.step(QUEUE_DELAY_MS)
    return lastValueFrom(jobs.batch.watchJob$(job.id, WATCH))
  }

  it('is undefined before the first snapshot, then follows the job to its terminal one', async () => {
    const injector = appInjector(ng, [
      ng.provideMistralBatch({ apiKey: 'k', baseUrl: emulator.url }),
    ])
    const job = await createChatJob(jobs)
    const progress = ng.runInInjectionContext(injector, () => ng.jobProgress(job.id, WATCH))
    expect(progress()).toBeUndefined()

    const queued = await until(ng, injector, progress, isJob, 'the first snapshot')
    expect(queued).toMatchObject({ id: job.id, status: 'QUEUED', completed_requests: 0 })
    emulator.clock.step(QUEUE_DELAY_MS)
    const ended = await until(ng, injector, progress, hasEnded, 'a terminal snapshot')
    expect(ended).toMatchObject({ id: job.id, status: 'SUCCESS', completed_requests: 2 })
    expect(progress.error()).toBeUndefined()
    injector.destroy()
  })

  it('destroying the injector during a poll aborts it and leaves no timer', async () => {
    const { config, calls, pending, nthSent } = watched()
    const injector = appInjector(ng, [ng.provideMistralBatch(config)])
    const job = await createChatJob(jobs)
    const progress = ng.jobProgress(job.id, { ...WATCH, injector })
    await nthSent(3)
    expect(pending()).not.toEqual([])

    injector.destroy()
    expect(calls.map((call) => call.line)).toEqual(Array(3).fill(`GET /v1/batch/jobs/${job.id}`))
    await expect(calls[2]?.response).rejects.toMatchObject({ name: 'AbortError' })
    expect(pending()).toEqual([])
    expect(progress()).toMatchObject({ id: job.id, status: 'QUEUED' })
  })

  it('destroying the injector between polls cancels the next one', async () => {
    const { config, calls, pending, scheduled } = watched()
    const injector = appInjector(ng, [ng.provideMistralBatch(config)])
    const job = await createChatJob(jobs)
    ng.jobProgress(job.id, { ...WATCH, injector })
    await scheduled(WATCH.intervalMs)
    expect(pending()).toContain(WATCH.intervalMs)

    injector.destroy()
    // the one poll sent had been answered; with no timer left, no request can follow
    expect(calls.map((call) => call.line)).toEqual([`GET /v1/batch/jobs/${job.id}`])
    expect(pending()).toEqual([])
  })

  it('watches a signal id: none while undefined, each new id instead of the last', async () => {
    const { config, calls, pending, nthSent } = watched()
    const injector = appInjector(ng, [ng.provideMistralBatch(config)])
    const done = await finishedJob()
    const queued = await createChatJob(jobs)
    const id = ng.signal<string | undefined>(undefined)
    const progress = ng.jobProgress(id, { ...WATCH, injector })
    await until(ng, injector, progress, (job) => job === undefined, 'the signal of no job')
    expect(calls).toEqual([])

    id.set(queued.id)
    await until(ng, injector, progress, (job) => job?.id === queued.id, 'the queued job')
    const firstPollOfDone = nthSent(calls.length + 1)
    id.set(done.id)
    await firstPollOfDone
    // a new id shows nothing until its own first snapshot, not the last id's job
    expect(progress()).toBeUndefined()
    const last = await until(ng, injector, progress, (job) => job?.id === done.id, 'the done job')
    expect(last?.status).toBe('SUCCESS')
    // the watch of the queued job, still QUEUED, would hold a poll or a timeout timer
    expect(pending()).toEqual([])

    id.set(undefined)
    await until(ng, injector, progress, (job) => job === undefined, 'no job again')
    expect(progress.error()).toBeUndefined()
    injector.destroy()
  })

  it('ends with the HttpError of an unknown job in error(); reading the signal never throws', async () => {
    const injector = appInjector(ng, [
      ng.provideMistralBatch({ apiKey: 'k', baseUrl: emulator.url }),
    ])
    const progress = ng.jobProgress(randomUUID(), { ...WATCH, injector })
    const error = await until(ng, injector, progress.error, (e) => e !== undefined, 'the error')
    expect(isHttpError(error) && error.status).toBe(404)
    expect(progress()).toBeUndefined()
    injector.destroy()
  })

  it('keeps the last snapshot beside the error that ended the watch', async () => {
    const injector = appInjector(ng, [
      ng.provideMistralBatch({ apiKey: 'k', baseUrl: emulator.url }),
    ])
    const job = await createChatJob(jobs)
    const progress = ng.jobProgress(job.id, { ...WATCH, maxConsecutiveErrors: 0, injector })
    await until(ng, injector, progress, isJob, 'the first snapshot')
    emulator.faults.set({ rules: [{ route: `GET /v1/batch/jobs/${job.id}`, kind: '503' }] })
    try {
      const error = await until(ng, injector, progress.error, (e) => e !== undefined, 'the error')
      expect(isHttpError(error) && error.status).toBe(503)
      expect(progress()).toMatchObject({ id: job.id, status: 'QUEUED' })
    } finally {
      emulator.faults.clear()
      injector.destroy()
    }
  })

  it('signals an id that is not a UUID as an InvalidRequestError at once, sending nothing', () => {
    const { config, calls } = watched()
    const injector = appInjector(ng, [ng.provideMistralBatch(config)])
    const progress = ng.jobProgress('job-42', { injector })
    expect(progress.error()).toMatchObject({ _tag: 'InvalidRequestError', field: 'jobId' })
    expect(progress()).toBeUndefined()
    expect(calls).toEqual([])
    injector.destroy()
  })

  it('rethrows, when read, an error that is no MistralBatchError (a bug)', () => {
    const bug = new RangeError('a bug in the client')
    const broken = { batch: { watchJob$: () => throwError(() => bug) } }
    const injector = appInjector(ng, [{ provide: ng.MISTRAL_BATCH_CLIENT, useValue: broken }])
    const progress = ng.jobProgress(randomUUID(), { injector })
    expect(() => progress()).toThrow(bug)
    injector.destroy()
  })

  it('throws NG0203 naming itself outside an injection context without an injector', () => {
    expect(() => ng.jobProgress(randomUUID())).toThrow(/NG0203: jobProgress\(\) can only be used/)
  })

  it('says how to provide a client when the injector has none', () => {
    const injector = appInjector(ng, [])
    expect(() => ng.jobProgress(randomUUID(), { injector })).toThrow(
      'jobProgress: no MistralBatchClient in this injector; add provideMistralBatch(config)',
    )
    injector.destroy()
  })
})
