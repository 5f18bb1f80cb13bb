// Following a run's jobs against the emulator: cancelOnUnsubscribe, and a run through faults.
import { filter, lastValueFrom, take, toArray, type Observable } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { CreatedEvent } from '../../src/run/BatchEvent'
import { call } from '../../packages/emulator/spec/support/emulatorClient'
import { recordingFetch } from '../support/recordingFetch'
import { watchTraffic } from '../support/serverTraffic'
import { trackedScheduler } from '../support/trackedScheduler'
import { chatRequests, clientFor, collect, FAST_WATCH, logged, ofType } from './support/runFixtures'

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

    const CANCEL = /\/cancel$/
    const cancelPaths = (jobIds: ReadonlyArray<string>): string[] =>
      jobIds.map((id) => `/v1/batch/jobs/${id}/cancel`).sort()

    /**
     * Runs `run$` on a recording client until `take` has what it wants, and waits for the emulator
     * to answer every cancel the teardown sent (fire-and-forget requests, sent as it runs).
     */
    const leaveAfter = async <A>(
      run: (client: ReturnType<typeof clientFor>) => Observable<A>,
    ): Promise<{ last: A; cancelsSent: string[]; timersLeft: number[] }> => {
      const traffic = watchTraffic(emulator.port)
      try {
        const { fetch, calls } = recordingFetch()
        const { scheduler, pending } = trackedScheduler()
        const last = await lastValueFrom(run(clientFor(emulator, { fetch, scheduler })))
        const timersLeft = pending()
        const cancelsSent = calls.filter((call) => CANCEL.test(call.line)).map((call) => call.line)
        const served = await traffic.arrived(CANCEL, cancelsSent.length)
        await Promise.all(served.map((request) => traffic.ended(request)))
        return { last, cancelsSent, timersLeft }
      } finally {
        traffic.stop()
      }
    }

    const dropAfterCreated = (cancelOnUnsubscribe: boolean) =>
      leaveAfter((client) =>
        client
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

    it('sends exactly one cancel per running job when the subscriber leaves', async () => {
      const { last, cancelsSent } = await dropAfterCreated(true)
      expect([...cancelsSent].sort()).toEqual(cancelPaths(last.jobIds).map((p) => `POST ${p}`))
      const cancels = logged(emulator, 'POST', CANCEL)
      expect(cancels.map((request) => request.path).sort()).toEqual(cancelPaths(last.jobIds))
      expect(cancels.filter((request) => request.status !== 200)).toEqual([])
    })

    it('sends no cancel by default, and leaves nothing that could send one', async () => {
      await expect(dropAfterCreated(false)).resolves.toMatchObject({
        cancelsSent: [],
        timersLeft: [],
      })
      expect(logged(emulator, 'POST', CANCEL)).toEqual([])
    })

    it('sends no cancel for a run that completed, and leaves nothing that could send one', async () => {
      const { cancelsSent, timersLeft } = await leaveAfter((client) =>
        client.runBatch$(chatRequests(20), { ...CHAT, cancelOnUnsubscribe: true }).pipe(toArray()),
      )
      expect({ cancelsSent, timersLeft }).toEqual({ cancelsSent: [], timersLeft: [] })
      expect(logged(emulator, 'POST', CANCEL)).toEqual([])
    })

    it('resumeBatch$ cancels the jobs it follows when the subscriber leaves', async () => {
      const { last } = await dropAfterCreated(false)
      const jobIds = [...last.jobIds]
      const { cancelsSent } = await leaveAfter((client) =>
        client.resumeBatch$(jobIds, { watch: FAST_WATCH, cancelOnUnsubscribe: true }).pipe(take(2)),
      )
      expect([...cancelsSent].sort()).toEqual(cancelPaths(jobIds).map((p) => `POST ${p}`))
      expect(
        logged(emulator, 'POST', CANCEL)
          .map((request) => request.path)
          .sort(),
      ).toEqual(cancelPaths(jobIds))
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
