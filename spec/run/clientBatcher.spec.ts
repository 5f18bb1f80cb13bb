// The client's micro-batcher against the emulator: real jobs, one result per submitter.
import { lastValueFrom } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { BatchJobEndedError } from '../../src/errors/BatchJobEndedError'
import type { ClientBatcherOptions } from '../../src/run/clientBatcher'
import { call } from '../../packages/emulator/spec/support/emulatorClient'
import { recordingFetch, type FetchCall } from '../support/recordingFetch'
import { watchTraffic, type ServerTraffic } from '../support/serverTraffic'
import { trackedScheduler } from '../support/trackedScheduler'
import { chatBody, clientFor, FAST_WATCH, logged } from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

const CANCEL = /\/cancel$/
const JOB_POLL = /^GET \/v1\/batch\/jobs\/[^/]+$/

/** The cancels among the fetch calls of a client. */
const cancelsIn = (calls: ReadonlyArray<FetchCall>): string[] =>
  calls.filter((call) => CANCEL.test(call.line)).map((call) => call.line)

describe('client.batcher', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  it('runs 500 submissions as jobs of 200, 200 and 100, each subscriber getting its own result', async () => {
    const batcher = clientFor(emulator).batcher({ ...CHAT, maxBatchSize: 200, maxWaitMs: 50 })
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => lastValueFrom(batcher.submit$(chatBody(i)))),
    )
    expect(results.map((result) => result.custom_id)).toEqual(
      Array.from({ length: 500 }, (_, i) => String(i)),
    )
    expect(
      results.filter((result) => result.failed !== false || result.response?.status_code !== 200),
    ).toEqual([])
    const creates = logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)
    expect(creates).toHaveLength(3)
    const { body } = await call(emulator.url, 'GET', '/v1/batch/jobs?order_by=created')
    const jobs = (body as { data: Array<{ total_requests: number; input_files: string[] }> }).data
    expect(jobs.map((job) => job.total_requests).sort()).toEqual([100, 200, 200])
    expect(jobs.map((job) => job.input_files).filter((files) => files.length > 0)).toEqual([])
  }, 20_000)

  it('delivers a failed request as a result whose `failed` is true', async () => {
    // a body without messages, sent unchecked: the fake model answers it with a 422
    const batcher = clientFor(emulator).batcher({ ...CHAT, maxWaitMs: 0, validateBodies: false })
    const result = await lastValueFrom(batcher.submit$({ max_tokens: 8 }))
    expect(result.failed).toBe(true)
    expect(result.response?.status_code).toBe(422)
  })
})

describe('client.batcher body validation', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.reset())

  it('errors the submit$ of a body that does not fit, which never joins a job; the others run', async () => {
    const batcher = clientFor(emulator).batcher({ ...CHAT, maxWaitMs: 0 })
    const refused = lastValueFrom(batcher.submit$({ messages: [{ role: 'bot', content: 'Hi' }] }))
    await expect(refused).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'body.messages[0].role',
      message:
        'submit$: body.messages[0].role: expected one of system, user, assistant, tool, got ' +
        '"bot" (checked as a ChatCompletionRequest, the body of /v1/chat/completions)',
    })
    expect(emulator.requests).toEqual([])
    const result = await lastValueFrom(batcher.submit$(chatBody(1)))
    expect(result.failed).toBe(false)
    expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toHaveLength(1)
    const { body } = await call(emulator.url, 'GET', '/v1/batch/jobs')
    const jobs = (body as { data: Array<{ total_requests: number }> }).data
    expect(jobs.map((job) => job.total_requests)).toEqual([1])
  })

  it('refuses a validateBodies that is not a boolean when the batcher is made', () => {
    expect(() => clientFor(emulator).batcher({ ...CHAT, validateBodies: 'yes' } as never)).toThrow(
      'validateBodies must be true or false',
    )
  })
})

describe('client.batcher on a slow emulator', () => {
  let emulator: RunningEmulator
  let traffic: ServerTraffic
  beforeAll(async () => {
    // an hour of timeout_hours lasts 150 ms, and 40 requests take 400 ms: a job times out
    emulator = await startEmulator({ rate: 100, queueDelayMs: 0, hourMs: 150 })
  })
  afterAll(() => emulator.close())
  beforeEach(async () => {
    await emulator.reset()
    traffic = watchTraffic(emulator.port)
  })
  afterEach(() => traffic.stop())

  /** A batcher of five on a client whose fetch calls and timers are in view. */
  const recordedBatcher = (options: { cancelOnUnsubscribe?: boolean } = {}) => {
    const { fetch, calls } = recordingFetch()
    const { scheduler, pending } = trackedScheduler()
    const batcher = clientFor(emulator, { fetch, scheduler }).batcher({
      ...CHAT,
      maxBatchSize: 5,
      ...options,
    })
    return { batcher, calls, pending }
  }

  it('errors the submitters left without a result by a job that timed out with BatchJobEndedError', async () => {
    const batcher = clientFor(emulator).batcher({
      ...CHAT,
      job: { ...CHAT.job, timeout_hours: 1 },
      maxBatchSize: 40,
    })
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        lastValueFrom(batcher.submit$(chatBody(i))).then(
          () => 'result',
          (error: unknown) => error,
        ),
      ),
    )
    const errors = outcomes.filter((outcome) => outcome !== 'result')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.length).toBeLessThan(40)
    const error = errors[0] as BatchJobEndedError
    expect(error).toBeInstanceOf(BatchJobEndedError)
    expect(error.job.status).toBe('TIMEOUT_EXCEEDED')
    expect(error.message).toMatch(/^Batch job [0-9a-f-]+ ended TIMEOUT_EXCEEDED/)
  }, 10_000)

  it('with cancelOnUnsubscribe, cancels a job once every submitter of it has left', async () => {
    const { batcher, calls } = recordedBatcher({ cancelOnUnsubscribe: true })
    const watched = traffic.next(JOB_POLL)
    const subscriptions = Array.from({ length: 5 }, (_, i) =>
      batcher.submit$(chatBody(i)).subscribe(),
    )
    await watched
    // the cancel is sent as the last submitter leaves, or not at all
    subscriptions[0]?.unsubscribe()
    expect(cancelsIn(calls)).toEqual([])
    for (const subscription of subscriptions) subscription.unsubscribe()
    expect(cancelsIn(calls)).toHaveLength(1)
    const [cancel] = await traffic.arrived(CANCEL, 1)
    await traffic.ended(cancel!)
    expect(cancelsIn(calls)).toHaveLength(1)
    expect(logged(emulator, 'POST', CANCEL).map((request) => request.status)).toEqual([200])
  })

  it('keeps an abandoned job running by default', async () => {
    const { batcher, calls, pending } = recordedBatcher()
    const watched = traffic.next(JOB_POLL)
    const subscriptions = Array.from({ length: 5 }, (_, i) =>
      batcher.submit$(chatBody(i)).subscribe(),
    )
    await traffic.ended(await watched)
    for (const subscription of subscriptions) subscription.unsubscribe()
    // no cancel sent as they left, and no timer left that could send one
    expect({ cancels: cancelsIn(calls), timersLeft: pending() }).toEqual({
      cancels: [],
      timersLeft: [],
    })
    expect(logged(emulator, 'POST', CANCEL)).toEqual([])
  })

  it.each<[string, unknown, string, string]>([
    [
      'a value out of range',
      { ...CHAT, maxBatchSize: 20_000 },
      'maxBatchSize',
      'maxBatchSize must be an integer from 1 to 10000, got 20000',
    ],
    [
      'an unknown job field',
      { ...CHAT, job: { ...CHAT.job, timeoutHours: 1 } },
      'batcher options.job.timeoutHours',
      'batcher options.job has an unknown option `timeoutHours`; did you mean `timeout_hours`?',
    ],
    [
      'no job',
      { watch: FAST_WATCH },
      'job',
      'batcher options.job must be an object with at least an endpoint, got undefined',
    ],
    [
      'no endpoint',
      { job: { model: 'ministral-3b-latest' } },
      'job.endpoint',
      'batcher options.job: endpoint is required, e.g. "/v1/chat/completions".',
    ],
  ])('rejects %s at once, naming the field', (_what, options, field, message) => {
    const make = () => clientFor(emulator).batcher(options as ClientBatcherOptions)
    expect(make).toThrow(message)
    expect(make).toThrow(expect.objectContaining({ field }))
  })
})
