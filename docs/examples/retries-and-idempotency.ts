// Errors and retries: a flaky server, a safe read retried, and a create that is never duplicated.
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs'
import { createClient } from '../../src/index.js'

/** Asks the emulator (through its admin route) to fail the next requests like a flaky network. */
const injectFaults = (baseUrl: string, rules: ReadonlyArray<Record<string, unknown>>) =>
  fetch(`${baseUrl}/_emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules, seed: 7 }),
  })

export async function main(baseUrl: string) {
  const client = createClient({
    apiKey: 'local-key',
    baseUrl,
    // Short waits for the demo; the defaults are 4 retries from 500 ms, up to 30 s apart.
    retry: { maxRetries: 4, initialDelayMs: 20, maxDelayMs: 200 },
  })

  await injectFaults(baseUrl, [
    // The first create is processed, then its connection is dropped before the answer.
    { route: 'POST /v1/batch/jobs', kind: 'reset-after-processing', times: 1 },
    // The first two reads of a job get 503 and 429 with Retry-After.
    { route: 'GET /v1/batch/jobs/:id', kind: '503', times: 1 },
    { route: 'GET /v1/batch/jobs/:id', kind: '429', times: 1, retryAfterSeconds: 0 },
  ])

  // Without the key, the dropped create would be an error (retrying could create a second job).
  // With it, the client finds the job that carries the key instead of creating another.
  const job = await firstValueFrom(
    client.batch.create$(
      {
        endpoint: '/v1/chat/completions',
        model: 'mistral-small-latest',
        requests: [{ custom_id: 'q1', body: { messages: [{ role: 'user', content: 'Hi' }] } }],
        metadata: { purpose: 'retries-demo' },
      },
      { idempotencyKey: 'order-2024-0001' },
    ),
  )

  // A read is safe to repeat: 503 and 429 are retried under the client's policy.
  const again = await firstValueFrom(client.batch.get$(job.id))

  await fetch(`${baseUrl}/_emulator/faults`, { method: 'DELETE' })
  const jobsWithKey = await lastValueFrom(
    client.batch.list$({ metadata: { purpose: 'retries-demo' } }).pipe(toArray()),
  )
  return { sameJob: again.id === job.id, jobsCreated: jobsWithKey.length } // { true, 1 }
}
