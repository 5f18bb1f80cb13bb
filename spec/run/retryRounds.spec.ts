// runBatch$ with retryFailed against the emulator: failed, timed-out and missing rows sent again in
// rounds of new jobs, each request's last attempt as its one result, and the run summed up by request.
import * as E from 'fp-ts/Either'
import { filter, firstValueFrom, from, takeWhile, tap } from 'rxjs'
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@mistral-batch-rx/emulator'
import { ChatCompletionResponse } from '../../src/codecs/endpoints/chat'
import { isInvalidRequestError } from '../../src/errors/index'
import { usageOfLines } from '../support/usageOfLines'
import type { BatchEvent, ResultEvent } from '../../src/run/BatchEvent'
import { call, waitForJob } from '../../packages/emulator/spec/support/emulatorClient'
import { chatRequests, clientFor, collect, FAST_WATCH, logged, ofType } from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

/** An emulator started for the block with `options` (and no delays unless they say so). */
const emulatorWith = (options: EmulatorOptions): (() => RunningEmulator) => {
  const running: { emulator?: RunningEmulator } = {}
  beforeAll(async () => {
    running.emulator = await startEmulator({ rate: Infinity, queueDelayMs: 0, ...options })
  })
  afterAll(() => running.emulator?.close())
  return () => running.emulator as RunningEmulator
}

/** Each custom_id of `count` requests (ids `0`..) exactly once in `result` events, all `first`. */
const expectEachIdOnce = (events: ReadonlyArray<BatchEvent>, count: number): void => {
  const results = ofType(events, 'result')
  expect(results.filter((event) => event.match !== 'first')).toEqual([])
  const ids = results.map((event) => event.custom_id)
  expect(ids).toHaveLength(count)
  expect([...ids].sort()).toEqual(Array.from({ length: count }, (_, i) => String(i)).sort())
}

const statusOf = (event: ResultEvent): number | undefined =>
  E.isRight(event.result) ? event.result.right.response?.status_code : undefined

/** The round tag (`batch_attempt`) of the job each result came from, by job id. */
const attemptsByJob = (events: ReadonlyArray<BatchEvent>): Map<string, number> =>
  new Map(ofType(events, 'created').map((event) => [event.job.id, event.attempt]))

const jobsWithAttempt = async (emulator: RunningEmulator, attempt: number): Promise<string[]> => {
  const { body } = await call(emulator.url, 'GET', '/v1/batch/jobs?page_size=1000')
  return (body as { data: Array<{ id: string; metadata: Record<string, string> | null }> }).data
    .filter((job) => job.metadata?.batch_attempt?.startsWith(`${attempt}:`) === true)
    .map((job) => job.id)
}

describe('runBatch$ with retryFailed', () => {
  describe('with 3% of result lines failing retryably', () => {
    const emulator = emulatorWith({ failedLines: { rate: 0.03, status: 503 } })

    it('runs 5,000 requests streamed: every custom_id once, by its last attempt, attempts counted, typed bodies, tokens summed', async () => {
      async function* requests() {
        yield* chatRequests(5000)
      }
      const typedEvents = await collect(
        clientFor(emulator()).runBatch$(requests(), {
          ...CHAT,
          mode: 'file',
          maxRequestsPerJob: 2000,
          retryFailed: { maxAttempts: 3 },
          body: ChatCompletionResponse,
        }),
      )
      const events: ReadonlyArray<BatchEvent> = typedEvents
      expectEachIdOnce(events, 5000)
      // the bodies are decoded as ChatCompletionResponse: typed, and checked line by line
      const answers = typedEvents.flatMap((event) =>
        event.type === 'result' && E.isRight(event.result) && !event.result.right.failed
          ? [event.result.right.response.body]
          : [],
      )
      expect(answers.length).toBeGreaterThan(4900)
      expect(answers.every((body) => typeof body.choices[0]?.message?.content === 'string')).toBe(
        true,
      )
      // the token total is the sum over the result lines
      const lines = ofType(events, 'result').map((event) => event.result)
      const summary = ofType(events, 'completed')[0]?.summary
      expect(summary?.usage).toEqual(usageOfLines(lines))
      expect(summary?.usage.total.total_tokens).toBeGreaterThan(0)
      const retrying = ofType(events, 'retrying')
      expect(retrying.map((event) => event.attempt)).toEqual([2, 3].slice(0, retrying.length))
      // about 3% of 5,000 fail the first time: 150, give or take the draw
      const resent = retrying[0]?.requests ?? 0
      expect(resent).toBeGreaterThan(100)
      expect(resent).toBeLessThan(200)
      const results = ofType(events, 'result')
      const roundOf = attemptsByJob(events)
      // each line's attempt is the round of the job it came from
      expect(results.filter((event) => roundOf.get(event.jobId) !== event.attempt)).toEqual([])
      expect(results.filter((event) => event.attempt > 1)).toHaveLength(resent)
      // a result still failed is one whose every attempt failed
      const failed = results.filter((event) => statusOf(event) !== 200)
      expect(failed.filter((event) => event.attempt !== 3 || statusOf(event) !== 503)).toEqual([])
      const completed = ofType(events, 'completed')[0]!
      const sent = completed.jobs.reduce((sum, job) => sum + job.total_requests, 0)
      expect(completed.summary).toMatchObject({
        total: 5000,
        succeeded: 5000 - failed.length,
        failed: failed.length,
        missing: [],
        duplicates: [],
        unexpected: [],
        retried: resent,
        attempts: sent,
      })
      expect(sent).toBe(5000 + retrying.reduce((sum, event) => sum + event.requests, 0))
      expect(completed.summary.received).toBe(sent)
    }, 30_000)

    it('sends the rounds after the first as the first was sent: inline for an inline run', async () => {
      const events = await collect(
        clientFor(emulator()).runBatch$(chatRequests(1000), {
          ...CHAT,
          retryFailed: { maxAttempts: 2 },
        }),
      )
      expectEachIdOnce(events, 1000)
      const created = ofType(events, 'created')
      expect(created.map((event) => [event.attempt, event.job.input_files])).toEqual([
        [1, []],
        [2, []],
      ])
      expect(created.map((event) => event.job.metadata)).toEqual([
        { batch_attempt: '1:0/1', idempotency_key: expect.stringMatching(/-0$/) },
        { batch_attempt: '2:0/1', idempotency_key: expect.stringMatching(/-r2-0$/) },
      ])
      expect(created[1]?.jobIds).toEqual(created.map((event) => event.job.id))
      expect(ofType(events, 'completed')[0]?.jobs.map((job) => job.id)).toEqual(
        created.map((event) => event.job.id),
      )
    })

    it('with maxAttempts 1, sends nothing again: the failed lines are the results', async () => {
      const events = await collect(
        clientFor(emulator()).runBatch$(chatRequests(400), {
          ...CHAT,
          retryFailed: { maxAttempts: 1 },
        }),
      )
      expectEachIdOnce(events, 400)
      expect(ofType(events, 'retrying')).toEqual([])
      const failed = ofType(events, 'result').filter((event) => statusOf(event) === 503)
      expect(failed.length).toBeGreaterThan(0)
      expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
        failed: failed.length,
        retried: 0,
        attempts: 400,
      })
    })
  })

  describe('with every result line failing with 429', () => {
    const emulator = emulatorWith({ failedLines: { rate: 1, status: 429 } })

    it('stops at maxAttempts: the last attempt’s failure is each request’s result', async () => {
      const events = await collect(
        clientFor(emulator()).runBatch$(chatRequests(20), {
          ...CHAT,
          retryFailed: { maxAttempts: 3 },
        }),
      )
      expectEachIdOnce(events, 20)
      expect(ofType(events, 'retrying')).toEqual([
        { type: 'retrying', attempt: 2, requests: 20 },
        { type: 'retrying', attempt: 3, requests: 20 },
      ])
      const results = ofType(events, 'result')
      expect(results.map((event) => [event.attempt, statusOf(event)])).toEqual(
        Array.from({ length: 20 }, () => [3, 429]),
      )
      const lastRound = ofType(events, 'created').find((event) => event.attempt === 3)
      expect(new Set(results.map((event) => event.jobId))).toEqual(new Set([lastRound?.job.id]))
      const completed = ofType(events, 'completed')[0]
      expect(completed?.jobs.map((job) => job.status)).toEqual(['FAILED', 'FAILED', 'FAILED'])
      expect(completed?.summary).toMatchObject({
        total: 20,
        received: 60,
        succeeded: 0,
        failed: 20,
        retried: 20,
        attempts: 60,
      })
    })

    it('asks `when` instead of the default: a 429 not retried, a success retried', async () => {
      const asked: string[] = []
      const events = await collect(
        clientFor(emulator()).runBatch$(chatRequests(6), {
          ...CHAT,
          retryFailed: {
            maxAttempts: 2,
            when: (line) => {
              asked.push(`${line.custom_id ?? ''}:${line.response?.status_code ?? ''}`)
              return line.custom_id === '4'
            },
          },
        }),
      )
      expectEachIdOnce(events, 6)
      // asked once per request of the first round, never about the last attempt
      expect(asked.sort()).toEqual(['0:429', '1:429', '2:429', '3:429', '4:429', '5:429'])
      expect(
        ofType(events, 'result')
          .map((event) => [event.custom_id, event.attempt])
          .sort(),
      ).toEqual([
        ['0', 1],
        ['1', 1],
        ['2', 1],
        ['3', 1],
        ['4', 2],
        ['5', 1],
      ])
      expect(ofType(events, 'completed')[0]?.summary).toMatchObject({ retried: 1, attempts: 7 })
    })
  })

  describe('with 10% of result lines missing from the output', () => {
    const emulator = emulatorWith({ missingLines: { rate: 0.1 } })

    it('sends the requests without a line again, from the input files of a stream', async () => {
      const events = await collect(
        clientFor(emulator()).runBatch$(from(chatRequests(600)), {
          ...CHAT,
          mode: 'file',
          maxRequestsPerJob: 250,
          retryFailed: { maxAttempts: 4 },
        }),
      )
      // which lines go missing is drawn from the random job ids: a request may (rarely, 1 in
      // 10,000) miss all 4 attempts; it then has no result, and the summary lists it
      const { missing } = ofType(events, 'completed')[0]!.summary
      const results = ofType(events, 'result')
      expect(results.filter((event) => event.match !== 'first')).toEqual([])
      const ids = results.map((event) => event.custom_id)
      expect(new Set(ids).size).toBe(ids.length)
      expect([...ids, ...missing].sort()).toEqual(
        Array.from({ length: 600 }, (_, i) => String(i)).sort(),
      )
      expect(missing.length).toBeLessThanOrEqual(2)
      const resent = ofType(events, 'retrying')[0]?.requests ?? 0
      expect(resent).toBeGreaterThan(20)
      expect(results.filter((event) => event.attempt > 1)).toHaveLength(resent - missing.length)
      // the files of a later round are its own, named after it
      expect(
        ofType(events, 'uploaded')
          .filter((event) => /-r2-/.test(event.file.filename))
          .map((event) => event.requests),
      ).toEqual([resent])
      expect(ofType(events, 'completed')[0]?.summary.succeeded).toBe(600 - missing.length)
    })

    it('reports what is still missing after the last attempt in the summary, by input order', async () => {
      const events = await collect(
        clientFor(emulator()).runBatch$(chatRequests(300), {
          ...CHAT,
          retryFailed: { maxAttempts: 1 },
        }),
      )
      const answered = new Set(ofType(events, 'result').map((event) => event.custom_id))
      const missing = Array.from({ length: 300 }, (_, i) => String(i)).filter(
        (id) => !answered.has(id),
      )
      expect(missing.length).toBeGreaterThan(0)
      expect(ofType(events, 'completed')[0]?.summary.missing).toEqual(missing)
    })
  })

  describe('with a job that times out', () => {
    const emulator = emulatorWith({ rate: 1000 })

    it('sends the requests a TIMEOUT_EXCEEDED job left without a result again', async () => {
      let stepped = false
      const events = await collect(
        clientFor(emulator())
          .runBatch$(chatRequests(1000), { ...CHAT, retryFailed: { maxAttempts: 2 } })
          .pipe(
            tap((event) => {
              // once the first job has answered some, its deadline is made to pass
              if (event.type !== 'progress' || stepped || event.job.completed_requests === 0) return
              stepped = true
              emulator().clock.step(25 * 3_600_000)
            }),
          ),
      )
      expectEachIdOnce(events, 1000)
      const completed = ofType(events, 'completed')[0]!
      expect(completed.jobs.map((job) => job.status)).toEqual(['TIMEOUT_EXCEEDED', 'SUCCESS'])
      const answeredFirst = completed.jobs[0]!.completed_requests
      expect(answeredFirst).toBeLessThan(1000)
      expect(ofType(events, 'retrying')).toEqual([
        { type: 'retrying', attempt: 2, requests: 1000 - answeredFirst },
      ])
      expect(completed.summary).toMatchObject({ succeeded: 1000, retried: 1000 - answeredFirst })
    })
  })

  describe('unsubscribed', () => {
    const emulator = emulatorWith({ failedLines: { rate: 0.2, status: 500 }, queueDelayMs: 300 })

    it('between two rounds, makes no job of the next round', async () => {
      emulator().clearRequests()
      const events = await collect(
        clientFor(emulator())
          .runBatch$(from(chatRequests(200)), {
            ...CHAT,
            mode: 'file',
            idempotencyKey: 'between-rounds',
            retryFailed: { maxAttempts: 2 },
          })
          .pipe(takeWhile((event) => event.type !== 'retrying', true)),
      )
      expect(ofType(events, 'retrying')).toHaveLength(1)
      expect(await jobsWithAttempt(emulator(), 2)).toEqual([])
      expect(logged(emulator(), 'POST', /^\/v1\/files$/)).toHaveLength(1)
    })

    it('in a later round with cancelOnUnsubscribe, cancels that round’s job', async () => {
      const created = await firstValueFrom(
        clientFor(emulator())
          .runBatch$(chatRequests(200), {
            ...CHAT,
            cancelOnUnsubscribe: true,
            retryFailed: { maxAttempts: 2 },
          })
          .pipe(filter((event) => event.type === 'created' && event.attempt === 2)),
      )
      if (created.type !== 'created') throw new Error('not a created event')
      const job = await waitForJob(emulator().url, created.job.id, (j) => j.status === 'CANCELLED')
      expect(job.status).toBe('CANCELLED')
    })
  })

  describe('refuses before sending anything', () => {
    const emulator = emulatorWith({})

    it.each([
      [{ maxAttempts: 0 }, 'retryFailed.maxAttempts'],
      [{ maxAttempts: 1.5 }, 'retryFailed.maxAttempts'],
      [{ maxAttempts: 11 }, 'retryFailed.maxAttempts'],
      [{ maxAttempts: 2, when: 'failed' }, 'retryFailed.when'],
      [{ maxAttempts: 2, maxAttempt: 3 }, 'retryFailed.maxAttempt'],
      [2, 'retryFailed'],
    ])('retryFailed %j (field %s)', async (retryFailed, field) => {
      emulator().clearRequests()
      const error = await firstValueFrom(
        clientFor(emulator()).runBatch$(chatRequests(3), {
          ...CHAT,
          retryFailed: retryFailed as never,
        }),
      ).catch((e: unknown) => e)
      expect(isInvalidRequestError(error) && error.field).toBe(field)
      expect(emulator().requests).toHaveLength(0)
    })

    it('a job whose metadata uses batch_attempt', async () => {
      const error = await firstValueFrom(
        clientFor(emulator()).runBatch$(chatRequests(3), {
          ...CHAT,
          job: { ...CHAT.job, metadata: { batch_attempt: 'mine' } },
          retryFailed: { maxAttempts: 2 },
        }),
      ).catch((e: unknown) => e)
      expect(isInvalidRequestError(error) && error.field).toBe('job.metadata.batch_attempt')
    })
  })
})
