// runBatch$ over more requests than maxPendingRequests: every shard uploaded first, then jobs
// created while the requests in jobs not ended fit, the next ones as earlier jobs end, against an
// emulator that enforces the same two limits (and would refuse a create past them).
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { BatchEvent } from '../../src/run/BatchEvent'
import { chatRequests, clientFor, collect, FAST_WATCH, ofType } from './support/runFixtures'

const JOB = { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' } as const

describe('runBatch$ with maxPendingRequests', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    // 10 requests a job at most, 25 pending at most; each job runs ~100 ms (100 requests/s)
    emulator = await startEmulator({
      rate: 100,
      queueDelayMs: 20,
      maxRequestsPerJob: 10,
      maxPendingRequests: 25,
    })
  })
  afterAll(() => emulator.close())

  /** The most requests in jobs not ended at once, as the events tell it. */
  const mostPending = (events: ReadonlyArray<BatchEvent>): number => {
    const open = new Map<string, number>()
    let most = 0
    for (const event of events) {
      if (event.type === 'created') open.set(event.job.id, 10)
      if (
        event.type === 'progress' &&
        ['SUCCESS', 'FAILED', 'CANCELLED', 'TIMEOUT_EXCEEDED'].includes(event.job.status)
      ) {
        open.delete(event.job.id)
      }
      most = Math.max(
        most,
        [...open.values()].reduce((sum, n) => sum + n, 0),
      )
    }
    return most
  }

  it.each(['file', 'inline'] as const)(
    'runs 100 requests in %s mode as 10 jobs, never more than 2 open at once: every result once',
    async (mode) => {
      async function* requests() {
        yield* chatRequests(100)
      }
      const events = await collect(
        clientFor(emulator).runBatch$(requests(), {
          job: JOB,
          mode,
          maxRequestsPerJob: 10,
          maxPendingRequests: 25,
          watch: FAST_WATCH,
        }),
      )
      expect(ofType(events, 'created')).toHaveLength(10)
      if (mode === 'file') expect(ofType(events, 'uploaded')).toHaveLength(10)
      // every upload comes before the first create: a bad line fails the run before any job
      const firstCreate = events.findIndex((event) => event.type === 'created')
      const lastUpload = events.map((event) => event.type).lastIndexOf('uploaded')
      expect(lastUpload).toBeLessThan(firstCreate)
      expect(mostPending(events)).toBeLessThanOrEqual(20)
      // jobs were created after results of earlier ones came in: the run went on as jobs ended
      const lastCreate = events.map((event) => event.type).lastIndexOf('created')
      const firstResult = events.findIndex((event) => event.type === 'result')
      expect(firstResult).toBeLessThan(lastCreate)
      const ids = ofType(events, 'result').map((event) => event.custom_id)
      expect(new Set(ids).size).toBe(100)
      expect(ids).toHaveLength(100)
      expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
        total: 100,
        succeeded: 100,
        missing: [],
      })
    },
    30_000,
  )

  it('is refused by the emulator when a client sends past its limit (the check the window avoids)', async () => {
    const events = collect(
      clientFor(emulator).runBatch$(chatRequests(30), {
        job: JOB,
        mode: 'inline',
        maxRequestsPerJob: 30,
        watch: FAST_WATCH,
      }),
    )
    await expect(events).rejects.toMatchObject({ status: 400 })
  })
})
