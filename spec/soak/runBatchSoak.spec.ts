// The fault soak of runBatch$ (issue 8): a whole run through 429s, 5xx, resets and truncated
// bodies on every route (the upload too), from a fixed seed, must end with every result exactly
// once, one job and one input file per shard.
// `npm test` runs 1,000 requests; `npm run soak` runs 10,000 (SOAK_REQUESTS).
import { lastValueFrom, tap, toArray } from 'rxjs'
import { createClient } from '../../src/client.js'
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import type { BatchEvent, CompletedEvent } from '../../src/run/BatchEvent.js'
import { chatRequests } from '../run/support/runFixtures.js'
import { TEST_API_KEY } from '../support/httpContext.js'
import { faultTally, requestTally, SOAK_FAULTS, type Tally } from './support/soakFaults.js'

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 1000)
const SHARDS = REQUESTS >= 10_000 ? 20 : 10
// the jobs run side by side for about a second and a half, polled all along
const RATE = Math.ceil(REQUESTS / SHARDS / 1.5)

const printTable = (title: string, tally: Tally): string =>
  [
    title,
    ...Object.entries(tally).map(([key, count]) => `  ${String(count).padStart(6)}  ${key}`),
  ].join('\n')

describe(`runBatch$ soak: ${REQUESTS} requests through injected faults`, () => {
  let emulator: RunningEmulator
  beforeAll(async () => {
    emulator = await startEmulator({ rate: RATE, queueDelayMs: 50, faults: SOAK_FAULTS })
  })
  afterAll(() => emulator.close())

  it('completes with every custom_id exactly once and nothing duplicated', async () => {
    const client = createClient({
      apiKey: TEST_API_KEY,
      baseUrl: emulator.url,
      timeoutMs: 10_000,
      // Retry-After (1 s) is honoured but capped, so the soak runs in seconds
      retry: { maxRetries: 8, initialDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 100 },
    })
    const seen = new Map<string, number>()
    let results = 0
    const started = Date.now()
    const last = await lastValueFrom(
      client
        .runBatch$(chatRequests(REQUESTS, true), {
          job: { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' },
          mode: 'file',
          maxRequestsPerJob: REQUESTS / SHARDS,
          watch: { intervalMs: 20, backoff: 1.5, maxIntervalMs: 100, maxConsecutiveErrors: 10 },
        })
        .pipe(
          tap((event: BatchEvent) => {
            if (event.type !== 'result') return
            results++
            if (event.custom_id !== null)
              seen.set(event.custom_id, (seen.get(event.custom_id) ?? 0) + 1)
          }),
        ),
    )
    if (last.type !== 'completed') throw new Error(`the run ended with a ${last.type} event`)
    const completed: CompletedEvent = last
    const seconds = (Date.now() - started) / 1000

    const injected = emulator.faults.injected
    console.log(
      [
        `runBatch$ soak: ${REQUESTS} requests in ${SHARDS} jobs, ${seconds.toFixed(1)} s`,
        `  ${emulator.requests.length} HTTP requests; ${injected.length} answered with a fault, ` +
          'each of them retried or resumed by the client',
        printTable('requests by route:', requestTally(emulator.requests)),
        printTable('faults injected:', faultTally(injected)),
      ].join('\n'),
    )

    expect(completed.summary).toMatchObject({
      total: REQUESTS,
      received: REQUESTS,
      succeeded: REQUESTS,
      failed: 0,
      unreadable: 0,
      missing: [],
      unexpected: [],
      duplicates: [],
    })
    expect(results).toBe(REQUESTS)
    expect(seen.size).toBe(REQUESTS)
    expect([...seen].filter(([, count]) => count !== 1)).toEqual([])
    expect(completed.jobs.map((job) => job.status)).toEqual(Array(SHARDS).fill('SUCCESS'))
    // no retried create made a second job
    expect(emulator.stats().jobs.total).toBe(SHARDS)
    // no recovered upload left a second copy: one input file per shard, each named once
    emulator.faults.clear()
    const inputs = await lastValueFrom(
      client.files.list$({ sample_type: ['batch_request'] }).pipe(toArray()),
    )
    expect(inputs).toHaveLength(SHARDS)
    expect(new Set(inputs.map((file) => file.filename)).size).toBe(SHARDS)
    expect(inputs.map((file) => file.id).sort()).toEqual(
      completed.jobs.map((job) => job.input_files[0]).sort(),
    )
    // the faults did strike, the download ones included
    const kinds = new Set(injected.map((fault) => fault.kind))
    expect([...kinds]).toEqual(expect.arrayContaining(['429', 'truncate', 'reset-mid-body']))
    expect(injected.length).toBeGreaterThan(3)
  }, 120_000)
})
