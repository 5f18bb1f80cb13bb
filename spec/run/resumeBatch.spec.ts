// resumeBatch$ against the emulator: re-attaching to a run dropped mid-way, with and without ids.
import { filter, firstValueFrom, lastValueFrom, take } from 'rxjs'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { isInvalidRequestError } from '../../src/errors/index'
import type { CreatedEvent } from '../../src/run/BatchEvent'
import { usageOfLines } from '../support/usageOfLines'
import {
  chatRequests,
  clientFor,
  collect,
  FAST_WATCH,
  ofType,
  typeSequence,
} from './support/runFixtures'

const CHAT = {
  job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
  watch: FAST_WATCH,
} as const

describe('resumeBatch$', () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    // slow enough that a job of 600 requests is still running when the first run is dropped
    emulator = await startEmulator({ rate: 1000, queueDelayMs: 0 })
  })
  afterAll(() => emulator.close())

  // Starts a sharded run, keeps the ids of its `created` events, and drops it while the jobs run.
  const startAndDrop = async (): Promise<string[]> => {
    const client = clientFor(emulator)
    const created = await lastValueFrom(
      client.runBatch$(chatRequests(1200), { ...CHAT, mode: 'file', maxRequestsPerJob: 600 }).pipe(
        filter((event): event is CreatedEvent => event.type === 'created'),
        take(2),
      ),
    )
    return [...created.jobIds]
  }

  it('gets every result of a run dropped mid-way, with the full summary when given the ids', async () => {
    const jobIds = await startAndDrop()
    const { body } = await (
      await fetch(`${emulator.url}/v1/batch/jobs/${jobIds[0]}`)
    )
      .json()
      .then((job) => ({ body: job as { status: string } }))
    expect(['QUEUED', 'RUNNING']).toContain(body.status)
    const expectedCustomIds = Array.from({ length: 1200 }, (_, i) => String(i))
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, { watch: FAST_WATCH, expectedCustomIds }),
    )
    expect(typeSequence(events).startsWith('progress')).toBe(true)
    expect(typeSequence(events).endsWith('result completed')).toBe(true)
    const results = ofType(events, 'result')
    const ids = results.map((event) => event.custom_id)
    expect(new Set(ids).size).toBe(1200)
    expect(ids).toHaveLength(1200)
    const completed = ofType(events, 'completed')[0]
    expect(completed?.jobs.map((job) => job.id)).toEqual(jobIds)
    expect(completed?.summary).toEqual({
      usage: usageOfLines(results.map((event) => event.result)),
      total: 1200,
      received: 1200,
      succeeded: 1200,
      failed: 0,
      unreadable: 0,
      missing: [],
      unexpected: [],
      duplicates: [],
      idsKnown: true,
    })
  }, 15_000)

  it('without the ids, counts from the jobs and reports missing as unknown', async () => {
    const jobIds = await startAndDrop()
    const events = await collect(clientFor(emulator).resumeBatch$(jobIds, { watch: FAST_WATCH }))
    expect(ofType(events, 'result')).toHaveLength(1200)
    expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
      total: 1200,
      succeeded: 1200,
      missing: [],
      idsKnown: false,
    })
  }, 15_000)

  it('reports the ids expected but never answered as missing, and answers not expected as unexpected', async () => {
    const jobIds = await startAndDrop()
    const expectedCustomIds = [...Array.from({ length: 1199 }, (_, i) => String(i)), 'never-sent']
    const events = await collect(
      clientFor(emulator).resumeBatch$(jobIds, { watch: FAST_WATCH, expectedCustomIds }),
    )
    expect(ofType(events, 'completed')[0]?.summary).toMatchObject({
      total: 1200,
      missing: ['never-sent'],
      unexpected: ['1199'],
    })
  }, 15_000)

  it('rejects job ids that are not UUIDs, repeated, or none, sending nothing', async () => {
    emulator.clearRequests()
    const client = clientFor(emulator)
    const id = '00000000-0000-4000-8000-000000000000'
    for (const jobIds of [[], ['nope'], [id, id]]) {
      const error = await firstValueFrom(client.resumeBatch$(jobIds)).catch((e: unknown) => e)
      expect(isInvalidRequestError(error)).toBe(true)
    }
    expect(emulator.requests).toHaveLength(0)
  })
})
