// runBatch$ with retryFailed: the rows that failed with 429 or 5xx (or got no result) sent again
// in new jobs, each request's last attempt its one result; then a run stopped in its second round
// carried on by resumeBatch$, which reads the rounds back from the jobs.
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs'
import {
  createClient,
  isRetryableResult,
  type BatchEvent,
  type CompletedEvent,
  type CreatedEvent,
  type ResultEvent,
  type RetryFailedOptions,
} from 'mistral-batch-rx'

const isResult = (event: BatchEvent): event is ResultEvent => event.type === 'result'
const isCompleted = (event: BatchEvent): event is CompletedEvent => event.type === 'completed'
const isSecondRound = (event: BatchEvent): event is CreatedEvent =>
  event.type === 'created' && event.attempt === 2

const retryFailed: RetryFailedOptions = {
  maxAttempts: 3, // in all, the first included: a failed row is sent at most twice more
  // the default (429 and 5xx), and a 408 as well
  when: (line) => isRetryableResult(line) || line.response?.status_code === 408,
}

/** The emulator this example runs against: one in ten result lines fails with a 503. */
export const emulatorOptions = { failedLines: { rate: 0.1, status: 503 } } as const

export async function main(baseUrl: string) {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const requests = Array.from({ length: 500 }, (_, i) => ({
    custom_id: `q${i}`,
    body: { messages: [{ role: 'user', content: `Question ${i}` }] },
  }))
  const job = { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' } as const
  const watch = { intervalMs: 100 }

  // A run to its end: every custom_id once in the `result` events, each with its `attempt`.
  const events = await lastValueFrom(
    client.runBatch$(requests, { job, retryFailed, watch }).pipe(toArray()),
  )
  const results = events.filter(isResult)
  const { summary } = events.find(isCompleted) as CompletedEvent

  // A run stopped once its second round was created (a crash: the jobIds of its last `created`
  // event were stored), carried on by another process: round 2 is followed, not made again.
  const stopped = await firstValueFrom(
    client
      .runBatch$(requests, { job, retryFailed, watch, idempotencyKey: 'nightly-2026-08-01' })
      .pipe(filter(isSecondRound)),
  )
  const resumed = await lastValueFrom(
    client
      // an inline run's requests cannot be read back from the API: pass them again
      .resumeBatch$(stopped.jobIds, { retryFailed, watch, requests })
      .pipe(filter(isCompleted)),
  )
  return {
    results: results.length,
    distinct: new Set(results.map((event) => event.custom_id)).size,
    sentAgain: results.filter((event) => event.attempt > 1).length,
    summary,
    resumed: resumed.summary,
  }
}

/**
 * What of `main`'s result is the same at every run: which lines fail is drawn from the random
 * job ids, so the counts of retries are not (for the docs check that runs this example three ways).
 */
export const comparableOutput = (result: Awaited<ReturnType<typeof main>>) => ({
  results: result.results,
  distinct: result.distinct,
  someSentAgain: result.sentAgain > 0,
  total: result.summary.total,
  missing: result.summary.missing,
  resumedTotal: result.resumed.total,
  resumedEachOnce: result.resumed.succeeded + result.resumed.failed,
})
