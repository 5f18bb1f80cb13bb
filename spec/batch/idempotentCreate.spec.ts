// create$ with an idempotency key under injected faults: exactly one job exists afterwards.
import { lastValueFrom } from 'rxjs'
import { create$ } from '../../src/batch/create.js'
import type { CreateBatchJobInput } from '../../src/batch/createBatchJobInput.js'
import { HttpError, PaginationError, TimeoutError } from '../../src/errors/index.js'
import type { FaultRule } from '@mistral-batch-rx/emulator'
import { batchJobBody } from '../support/batchJobBody.js'
import { testContext, within } from '../support/httpContext.js'
import { json, reset, startServer } from '../support/httpServer.js'
import { idOf, times } from '../support/pagedReplies.js'
import { recordingContext } from '../support/recordingFetch.js'
import { trackedScheduler } from '../support/trackedScheduler.js'
import { inlineJob, startBatchEmulator, type BatchEmulator } from './emulatorFixture.js'

let env: BatchEmulator

beforeAll(async () => {
  env = await startBatchEmulator()
})
afterAll(() => env.emulator.close())
beforeEach(async () => {
  env.emulator.faults.clear()
  await env.emulator.reset()
})

const request: CreateBatchJobInput = { ...inlineJob, metadata: { team: 'blue' } }

const withFaults = (...rules: FaultRule[]): void => env.emulator.faults.set({ rules })
const calls = (): string[] => env.emulator.requests.map((r) => `${r.method} ${r.status}`)
const jobs = (): number => env.emulator.stats().jobs.total

describe('create$ with an idempotency key', () => {
  it('stores the key in the job metadata, beside the caller’s entries', async () => {
    const job = await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-1' }))
    expect(job.metadata).toEqual({ team: 'blue', idempotency_key: 'run-1' })
    expect(calls()).toEqual(['POST 200'])
  })

  it('finds the job created before a reset instead of creating a second one', async () => {
    withFaults({ route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', times: 1 })
    const job = await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-2' }))
    expect(jobs()).toBe(1)
    expect(job.metadata).toMatchObject({ idempotency_key: 'run-2' })
    expect(calls()).toEqual(['POST 0', 'GET 200'])
    const lookup = env.emulator.requests[1]!
    expect(lookup.path).toBe('/v1/batch/jobs')
    expect(lookup.query).toMatchObject({ idempotency_key: 'run-2', order_by: '-created' })
    expect(Date.parse(lookup.query.created_after as string)).toBeLessThan(Date.now())
  })

  it('still makes exactly one job when every create response is lost', async () => {
    withFaults({ route: 'POST /v1/batch/jobs', kind: 'reset-after-processing' })
    const job = await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-3' }))
    expect(jobs()).toBe(1)
    expect(job.metadata).toMatchObject({ idempotency_key: 'run-3' })
  })

  it('finds the job after a timeout while the answer was on its way', async () => {
    const ctx = testContext(env.emulator.url, { timeoutMs: 300 })
    withFaults({ route: 'POST /v1/batch/jobs', kind: 'slow-body', times: 1, delayMs: 1_000 })
    const job = await lastValueFrom(create$(ctx, request, { idempotencyKey: 'run-4' }))
    expect(jobs()).toBe(1)
    expect(job.metadata).toMatchObject({ idempotency_key: 'run-4' })
    expect(env.emulator.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
  })

  it('creates again after a 500 when no job carries the key', async () => {
    withFaults({ route: 'POST /v1/batch/jobs', kind: '500', times: 1 })
    await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-5' }))
    expect(jobs()).toBe(1)
    expect(calls()).toEqual(['POST 500', 'GET 200', 'POST 200'])
  })

  it('does not take a job carrying another key for its own', async () => {
    await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'other' }))
    env.emulator.clearRequests()
    withFaults({ route: 'POST /v1/batch/jobs', kind: '502', times: 1 })
    const job = await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-6' }))
    expect(job.metadata).toMatchObject({ idempotency_key: 'run-6' })
    expect(jobs()).toBe(2)
  })

  it('retries a 429 without looking: nothing was created', async () => {
    withFaults({ route: 'POST /v1/batch/jobs', kind: '429', times: 1, retryAfterSeconds: 0 })
    await lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-7' }))
    expect(calls()).toEqual(['POST 429', 'POST 200'])
    expect(jobs()).toBe(1)
  })

  it('gives up after the retry count with the last error', async () => {
    withFaults({ route: 'POST /v1/batch/jobs', kind: '500' })
    const failure = lastValueFrom(create$(env.ctx, request, { idempotencyKey: 'run-8' }))
    await expect(failure).rejects.toBeInstanceOf(HttpError)
    await expect(failure).rejects.toMatchObject({ status: 500 })
    // maxRetries is 3 in tests: 4 creates, a lookup after each (the last one sends nothing more)
    expect(calls()).toEqual([
      'POST 500',
      'GET 200',
      'POST 500',
      'GET 200',
      'POST 500',
      'GET 200',
      'POST 500',
      'GET 200',
    ])
    expect(jobs()).toBe(0)
  })

  it('does not retry what no retry can fix (a 422)', async () => {
    const failure = lastValueFrom(
      create$(
        env.ctx,
        { ...request, endpoint: '/v1/new' },
        { idempotencyKey: 'run-9', allowUnknownEndpoint: true },
      ),
    )
    await expect(failure).rejects.toMatchObject({ status: 422 })
    expect(calls()).toEqual(['POST 422'])
  })

  it("stops at once when the caller's signal aborts during the wait before recovering", async () => {
    // a wait of its own length, to tell it from the 5 s timeout of each request
    const WAIT_MS = 4_000
    const { scheduler, scheduled, pending } = trackedScheduler()
    const { ctx, calls: sent } = recordingContext(env.emulator.url, {
      scheduler,
      retry: { initialDelayMs: WAIT_MS, maxDelayMs: WAIT_MS },
    })
    withFaults({ route: 'POST /v1/batch/jobs', kind: '500', times: 1 })
    const controller = new AbortController()
    const waiting = scheduled(WAIT_MS)
    const failure = lastValueFrom(
      create$(ctx, request, { idempotencyKey: 'run-11', signal: controller.signal }),
    )
    await within(waiting, 5_000, 'the wait before recovering')
    controller.abort()
    await expect(failure).rejects.toMatchObject({ _tag: 'NetworkError', code: 'ABORT_ERR' })
    // no lookup or retry was sent, and no timer is left that could send one
    expect({ sent: sent.map((call) => call.line), timersLeft: pending() }).toEqual({
      sent: ['POST /v1/batch/jobs'],
      timersLeft: [],
    })
    expect(calls()).toEqual(['POST 500'])
  })

  it('ends with a timeout when the lookup cannot run either', async () => {
    const ctx = testContext(env.emulator.url, { timeoutMs: 200, retry: { maxRetries: 1 } })
    withFaults({ route: '*', kind: 'slow-body', delayMs: 1_000 })
    const failure = lastValueFrom(create$(ctx, request, { idempotencyKey: 'run-10' }))
    await expect(failure).rejects.toBeInstanceOf(TimeoutError)
    env.emulator.faults.clear()
  })
})

describe('create$ with an idempotency key, against a server that ignores the list filters', () => {
  it('checks the key of each listed job itself', async () => {
    const server = await startServer()
    try {
      const now = Math.floor(Date.now() / 1000)
      const stranger = batchJobBody({
        id: '11111111-1111-4111-8111-111111111111',
        created_at: now,
        metadata: { idempotency_key: 'someone-else' },
      })
      const untagged = batchJobBody({ id: '22222222-2222-4222-8222-222222222222', created_at: now })
      const created = batchJobBody({ created_at: now, metadata: { idempotency_key: 'mine' } })
      server.reply(
        reset(),
        json(200, { data: [stranger, untagged], object: 'list', total: 2 }),
        json(200, created),
      )
      const job = await lastValueFrom(
        create$(testContext(server.url), request, { idempotencyKey: 'mine' }),
      )
      expect(job.id).toBe(created.id)
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST'])
      expect(JSON.parse(server.requests[2]!.body)).toMatchObject({
        metadata: { team: 'blue', idempotency_key: 'mine' },
      })
    } finally {
      await server.close()
    }
  })

  it('ignores a job carrying the key but created long before the attempt', async () => {
    const server = await startServer()
    try {
      const old = batchJobBody({
        id: '33333333-3333-4333-8333-333333333333',
        created_at: Math.floor(Date.now() / 1000) - 3600,
        metadata: { idempotency_key: 'mine' },
      })
      const created = batchJobBody({ metadata: { idempotency_key: 'mine' } })
      server.reply(
        reset(),
        json(200, { data: [old], object: 'list', total: 1 }),
        json(200, created),
      )
      const job = await lastValueFrom(
        create$(testContext(server.url), request, { idempotencyKey: 'mine' }),
      )
      expect(job.id).toBe(created.id)
    } finally {
      await server.close()
    }
  })

  /** A job body created `ageSeconds` ago carrying another key, with the id `idOf(n)`. */
  const stranger = (n: number, ageSeconds: number) =>
    batchJobBody({
      id: idOf(n),
      created_at: Math.floor(Date.now() / 1000) - ageSeconds,
      metadata: { idempotency_key: 'someone-else' },
    })
  const fullPage = (jobs: ReadonlyArray<Record<string, unknown>>) =>
    json(200, { data: jobs, object: 'list', total: 1_000 })

  it('stops the lookup at the first job created before the attempt, and creates again', async () => {
    const server = await startServer()
    try {
      // A full page, newest first: recent jobs of other keys, then jobs an hour older than the attempt.
      const page = Array.from({ length: 100 }, (_, n) => stranger(n, n < 50 ? 0 : 3600))
      const created = batchJobBody({ metadata: { idempotency_key: 'mine' } })
      server.reply(reset(), fullPage(page), json(200, created))
      const job = await lastValueFrom(
        create$(testContext(server.url), request, { idempotencyKey: 'mine' }),
      )
      expect(job.id).toBe(created.id)
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST'])
    } finally {
      await server.close()
    }
  })

  it('fails with a PaginationError, creating nothing more, when the lookup meets a repeated page', async () => {
    const server = await startServer()
    try {
      const page = Array.from({ length: 100 }, (_, n) => stranger(n, 0))
      server.reply(reset(), ...times(5, fullPage(page)))
      const failure = lastValueFrom(
        create$(testContext(server.url), request, { idempotencyKey: 'mine' }),
      )
      await expect(failure).rejects.toBeInstanceOf(PaginationError)
      await expect(failure).rejects.toMatchObject({
        _tag: 'PaginationError',
        reason: 'repeated-page',
        page: 1,
      })
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET'])
    } finally {
      await server.close()
    }
  })
})
