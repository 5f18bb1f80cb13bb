// runBatch$ checks every body against its endpoint's codec before it is sent, against the
// emulator: an array whole, a stream as it is read; a refused body leaves nothing behind.
import { lastValueFrom } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { isHttpError, isInvalidRequestError } from '../../src/errors/index'
import { call } from '../../packages/emulator/spec/support/emulatorClient'
import { chatRequests, clientFor, collect, FAST_WATCH, logged, ofType } from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

const BAD = { custom_id: 'bad-one', body: { messages: [{ role: 'robot', content: 'Hi' }] } }

/** `count` good chat requests with the bad one at `at`. */
const withBadAt = (count: number, at: number) =>
  chatRequests(count, true).map((request, i) => (i === at ? BAD : request))

const refusal = (at: number): string =>
  `requests[${at}] (custom_id "bad-one"): body.messages[0].role: expected one of system, ` +
  'user, assistant, tool, got "robot" (checked as a ChatCompletionRequest, the body of ' +
  '/v1/chat/completions)'

describe('runBatch$ body validation', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())
  beforeEach(() => emulator.reset())

  /** The run's error, which must be the refusal of the bad request at `at`. */
  const expectRefused = async (
    run$: ReturnType<ReturnType<typeof clientFor>['runBatch$']>,
    at: number,
  ) => {
    const error = await lastValueFrom(run$).catch((e: unknown) => e)
    expect(isInvalidRequestError(error)).toBe(true)
    expect(error).toMatchObject({
      message: refusal(at),
      field: `requests[${at}].body.messages[0].role`,
    })
  }

  /** What the emulator holds: files and jobs (none after a refused run). */
  const stored = async () => {
    const files = await call(emulator.url, 'GET', '/v1/files?page_size=100')
    const jobs = await call(emulator.url, 'GET', '/v1/batch/jobs?page_size=100')
    return {
      files: (files.body as { data: unknown[] }).data.length,
      jobs: (jobs.body as { data: unknown[] }).data.length,
    }
  }

  it.each(['file', 'inline', 'auto'] as const)(
    'checks an array whole before anything is sent (%s mode)',
    async (mode) => {
      await expectRefused(
        clientFor(emulator).runBatch$(withBadAt(3000, 2999), { ...CHAT, mode }),
        2999,
      )
      expect(emulator.requests).toEqual([])
      await expect(stored()).resolves.toEqual({ files: 0, jobs: 0 })
    },
  )

  it('checks a stream as it is read: a bad request in the first chunk stops the run before any upload', async () => {
    async function* requests() {
      yield* withBadAt(50, 3)
    }
    await expectRefused(clientFor(emulator).runBatch$(requests(), { ...CHAT, mode: 'file' }), 3)
    expect(emulator.requests).toEqual([])
  })

  it('a bad request deep in a stream aborts its shard and undoes the shards before: no file, no job', async () => {
    async function* requests() {
      yield* withBadAt(12_000, 11_000)
    }
    await expectRefused(
      clientFor(emulator).runBatch$(requests(), {
        ...CHAT,
        mode: 'file',
        maxRequestsPerJob: 5000,
      }),
      11_000,
    )
    // shards 0 and 1 were uploaded as they streamed, then deleted; shard 2 never completed
    const uploaded = logged(emulator, 'POST', /^\/v1\/files$/).filter((r) => r.status === 200)
    expect(uploaded).toHaveLength(2)
    expect(logged(emulator, 'DELETE', /^\/v1\/files\//)).toHaveLength(2)
    expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toEqual([])
    await expect(stored()).resolves.toEqual({ files: 0, jobs: 0 })
  })

  it('with validateBodies: false, sends the body as it is: the model refuses it in its result', async () => {
    const events = await collect(
      clientFor(emulator).runBatch$(withBadAt(5, 2), {
        ...CHAT,
        mode: 'inline',
        validateBodies: false,
      }),
    )
    const completed = ofType(events, 'completed')[0]
    expect(completed?.summary).toMatchObject({ total: 5, succeeded: 4, failed: 1 })
    const bad = ofType(events, 'result').find((event) => event.custom_id === 'bad-one')
    expect(bad?.result).toMatchObject({ right: { failed: true } })
  })

  it('rejects a validateBodies that is not a boolean', async () => {
    const run$ = clientFor(emulator).runBatch$(chatRequests(1), {
      ...CHAT,
      validateBodies: 'no' as never,
    })
    await expect(lastValueFrom(run$)).rejects.toMatchObject({
      _tag: 'InvalidRequestError',
      field: 'validateBodies',
    })
    expect(emulator.requests).toEqual([])
  })

  it('does not check the bodies of an endpoint it does not know (allowUnknownEndpoint)', async () => {
    const error = await lastValueFrom(
      clientFor(emulator).runBatch$([{ body: { anything: 1 } }], {
        job: { endpoint: '/v1/future/endpoint' },
        allowUnknownEndpoint: true,
        mode: 'inline',
      }),
    ).catch((e: unknown) => e)
    // sent, and refused by the server, which knows no such endpoint either
    expect(isHttpError(error)).toBe(true)
    expect(logged(emulator, 'POST', /^\/v1\/batch\/jobs$/)).toHaveLength(1)
  })
})
