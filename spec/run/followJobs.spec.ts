// Following a run's jobs against the emulator: cancelOnUnsubscribe, and a run through faults.
import { filter, lastValueFrom, take } from 'rxjs'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import type { CreatedEvent } from '../../src/run/BatchEvent'
import { call } from '../emulator/support/emulatorClient'
import {
  chatRequests,
  clientFor,
  collect,
  FAST_WATCH,
  logged,
  ofType,
  sleep,
} from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

describe('following the jobs of a run', () => {
  describe('cancelOnUnsubscribe', () => {
    let emulator: RunningEmulator
    beforeAll(async () => {
      emulator = await startEmulator({ rate: 500, queueDelayMs: 0 })
    })
    afterAll(() => emulator.close())
    beforeEach(() => emulator.reset())

    const dropAfterCreated = async (cancelOnUnsubscribe: boolean): Promise<string[]> => {
      const created = await lastValueFrom(
        clientFor(emulator)
          .runBatch$(chatRequests(1000), {
            ...CHAT,
            mode: 'file',
            maxRequestsPerJob: 500,
            cancelOnUnsubscribe,
          })
          .pipe(
            filter((event): event is CreatedEvent => event.type === 'created'),
            take(2),
          ),
      )
      await sleep(200)
      return [...created.jobIds]
    }

    it('sends exactly one cancel per running job when the subscriber leaves', async () => {
      const jobIds = await dropAfterCreated(true)
      const cancels = logged(emulator, 'POST', /\/cancel$/)
      expect(cancels.map((request) => request.path).sort()).toEqual(
        jobIds.map((id) => `/v1/batch/jobs/${id}/cancel`).sort(),
      )
      expect(cancels.every((request) => request.status === 200)).toBe(true)
    })

    it('sends no cancel by default', async () => {
      await dropAfterCreated(false)
      expect(logged(emulator, 'POST', /\/cancel$/)).toHaveLength(0)
    })

    it('sends no cancel for a run that completed', async () => {
      await collect(
        clientFor(emulator).runBatch$(chatRequests(20), { ...CHAT, cancelOnUnsubscribe: true }),
      )
      await sleep(50)
      expect(logged(emulator, 'POST', /\/cancel$/)).toHaveLength(0)
    })

    it('resumeBatch$ cancels the jobs it follows when the subscriber leaves', async () => {
      const jobIds = await dropAfterCreated(false)
      await lastValueFrom(
        clientFor(emulator)
          .resumeBatch$(jobIds, { watch: FAST_WATCH, cancelOnUnsubscribe: true })
          .pipe(take(2)),
      )
      await sleep(100)
      expect(
        logged(emulator, 'POST', /\/cancel$/)
          .map((request) => request.path)
          .sort(),
      ).toEqual(jobIds.map((id) => `/v1/batch/jobs/${id}/cancel`).sort())
    })
  })

  describe('through injected faults', () => {
    let emulator: RunningEmulator
    beforeAll(async () => {
      emulator = await startEmulator({
        rate: Infinity,
        queueDelayMs: 0,
        faults: {
          seed: 7,
          // spent rules first (each fires a set number of times), then a random background
          rules: [
            { route: 'POST /v1/files', kind: '429', times: 2, retryAfterSeconds: 0 },
            { route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', times: 1 },
            { route: 'POST /v1/batch/jobs', kind: '500', times: 1 },
            { route: 'POST /v1/batch/jobs', kind: '429', times: 1, retryAfterSeconds: 0 },
            { route: 'GET /v1/files/:id/content', kind: 'reset-mid-body', times: 2 },
            { route: 'GET /v1/files/:id/content', kind: 'truncate', times: 1 },
            { route: 'GET /v1/batch/jobs/:id', kind: '500', times: 2 },
            { route: 'GET /v1/batch/jobs/:id', kind: '502', times: 1 },
            { route: 'GET /v1/batch/jobs/:id', kind: '503', times: 1 },
            { route: 'GET /v1/batch/jobs/:id', kind: 'reset', times: 2 },
            { route: 'GET *', kind: '429', rate: 0.05, retryAfterSeconds: 0 },
            { route: 'GET *', kind: 'reset', rate: 0.02 },
          ],
        },
      })
    })
    afterAll(() => emulator.close())

    it('ends with every result exactly once and one job per shard', async () => {
      const events = await collect(
        clientFor(emulator).runBatch$(chatRequests(2000), {
          ...CHAT,
          mode: 'file',
          maxRequestsPerJob: 1000,
        }),
      )
      const ids = ofType(events, 'result').map((event) => event.custom_id)
      expect(ids).toHaveLength(2000)
      expect(new Set(ids).size).toBe(2000)
      expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
        total: 2000,
        succeeded: 2000,
        missing: [],
        duplicates: [],
        unexpected: [],
      })
      const kinds = new Set(emulator.faults.injected.map((fault) => fault.kind))
      expect([...kinds].sort()).toEqual(
        expect.arrayContaining([
          '429',
          '500',
          '502',
          '503',
          'reset',
          'reset-after-processing',
          'reset-mid-body',
          'truncate',
        ]),
      )
      // a reset after processing lost the answer of a create: the idempotency key found its job
      expect(ofType(events, 'created')).toHaveLength(2)
      const { body } = await call(emulator.url, 'GET', '/v1/batch/jobs?page_size=100')
      expect((body as { total: number }).total).toBe(2)
    }, 20_000)
  })
})
