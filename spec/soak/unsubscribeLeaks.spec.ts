// The leak soak (issue 8): unsubscribing from every operation mid-flight, again and again, leaves
// no socket, timer or handle behind. The emulator runs in a child process, so what
// process.getActiveResourcesInfo() lists here is the client's own.
import { lastValueFrom, type Observable } from 'rxjs'
import { createClient, type MistralBatchClient } from '../../src/client.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { mulberry32 } from '../../packages/emulator/src/prng.js'
import { chatRequest } from '../batch/emulatorFixture.js'
import { chatRequests } from '../run/support/runFixtures.js'
import { setTimeout as pause } from 'node:timers/promises'
import { TEST_API_KEY } from '../support/httpContext.js'
import { startEmulatorChild, type EmulatorChild } from './support/emulatorChild.js'
import { succeededJob } from '../support/batchJobBody.js'
import { resultFileText } from './support/resultFile.js'

// 1,000 unsubscriptions across the eight operations in `npm test`; `npm run soak` does 1,000 of each.
const ITERATIONS = Number(process.env.LEAK_ITERATIONS ?? 1000)
const JOB = { endpoint: '/v1/chat/completions', model: 'ministral-3b-latest' } as const
const FAST_WATCH = { intervalMs: 5, backoff: 1, maxIntervalMs: 5 } as const

/** The resources keeping the loop alive, by type, sorted: comparable before and after. */
const activeResources = (): string[] => [...process.getActiveResourcesInfo()].sort()

/**
 * Waits until `check()` holds, polling every 50 ms, for at most `ms`; the assertions after it show
 * what differs. Polled, not awaited: the process's handle list sends no event, and a hook or a
 * deadline timer watching it would show up in the list it compares.
 */
const settle = async (check: () => boolean | Promise<boolean>, ms: number): Promise<void> => {
  const deadline = Date.now() + ms
  while (!(await check()) && Date.now() < deadline) await pause(50)
}

describe('unsubscribing mid-flight', () => {
  let emulator: EmulatorChild
  let client: MistralBatchClient
  let runningJob: BatchJob
  let resultFileId: string

  beforeAll(async () => {
    // 20 requests a second: the job watched below runs for minutes
    emulator = await startEmulatorChild(['--rate', '20', '--queue-delay-ms', '0'])
    client = createClient({
      apiKey: TEST_API_KEY,
      baseUrl: emulator.url,
      timeoutMs: 10_000,
      retry: { maxRetries: 2, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 20 },
    })
    runningJob = await lastValueFrom(
      client.batch.create$({ ...JOB, requests: chatRequests(5000, true) }),
    )
    const file = await lastValueFrom(
      client.files.upload$(resultFileText(2 * 1024 * 1024), { filename: 'output.jsonl' }),
    )
    resultFileId = file.id
  }, 60_000)
  afterAll(() => emulator.close())

  it(`${ITERATIONS} times, across every operation, leaves no socket, timer or handle`, async () => {
    const operations: Record<string, () => Observable<unknown>> = {
      get$: () => client.batch.get$(runningJob.id),
      list$: () => client.batch.list$({ page_size: 2 }),
      create$: () => client.batch.create$({ ...JOB, requests: [chatRequest(0)] }),
      upload$: () => client.files.upload$(resultFileText(256 * 1024), { filename: 'leak.jsonl' }),
      download$: () => client.files.download$(resultFileId),
      results$: () => client.batch.results$(succeededJob(resultFileId)),
      watchJob$: () => client.batch.watchJob$(runningJob.id, FAST_WATCH),
      runBatch$: () =>
        client.runBatch$(chatRequests(3), { job: JOB, mode: 'inline', watch: FAST_WATCH }),
    }
    const names = Object.keys(operations)
    const outcomes: Record<string, { midFlight: number; finished: number }> = {}
    for (const name of names) outcomes[name] = { midFlight: 0, finished: 0 }
    const errors: unknown[] = []
    const draw = mulberry32(8)

    await settle(() => !activeResources().includes('TCPSocketWrap'), 5_000)
    const before = activeResources()
    const started = Date.now()
    for (let i = 0; i < ITERATIONS; i++) {
      const name = names[i % names.length]!
      let finished = false
      const subscription = operations[name]!().subscribe({
        error: (error: unknown) => errors.push(error),
        complete: () => (finished = true),
      })
      // the fuzz itself, not a wait for anything: a random moment, from before the request
      // leaves to the middle of a body or a poll loop
      await pause(Math.floor(draw() * 8))
      subscription.unsubscribe()
      outcomes[name]![finished ? 'finished' : 'midFlight']++
    }
    const loopSeconds = (Date.now() - started) / 1000

    await settle(() => activeResources().join() === before.join(), 5_000)
    const after = activeResources()
    const stats = await emulator.stats()
    console.log(
      [
        `unsubscribe soak: ${ITERATIONS} unsubscriptions in ${loopSeconds.toFixed(1)} s`,
        ...names.map(
          (name) =>
            `  ${name.padEnd(10)} ${outcomes[name]!.midFlight} mid-flight, ` +
            `${outcomes[name]!.finished} finished first`,
        ),
        `  active resources before: ${before.join(', ')}`,
        `  active resources after:  ${after.join(', ')}`,
        `  emulator: ${stats.openConnections} connections open (idle keep-alive), ` +
          `${stats.requests} requests`,
      ].join('\n'),
    )
    expect(errors).toEqual([])
    expect(after).toEqual(before)
    // the pool keeps a few idle keep-alive connections, not one per unsubscription
    expect(stats.openConnections).toBeLessThan(10)
    for (const name of names) expect(outcomes[name]!.midFlight).toBeGreaterThan(0)
  }, 120_000)
})
