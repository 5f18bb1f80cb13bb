// resumeBatch$: re-attach to the jobs of a run that was interrupted (a crash, a deploy).
import { filter, firstValueFrom, lastValueFrom, type Observable } from 'rxjs'
import {
  createClient,
  type BatchEvent,
  type CompletedEvent,
  type CreatedEvent,
} from '../../src/index.js'

const isAllCreated = (event: BatchEvent): event is CreatedEvent =>
  event.type === 'created' && event.jobIds.length === event.shards
const isCompleted = (event: BatchEvent): event is CompletedEvent => event.type === 'completed'

export async function main(baseUrl: string) {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const requests = Array.from({ length: 30 }, (_, i) => ({
    custom_id: `r${i}`,
    body: { messages: [{ role: 'user', content: `Question ${i}` }] },
  }))

  // The first process: it learns the job ids, stores them, and stops listening (or dies).
  const run$: Observable<BatchEvent> = client.runBatch$(requests, {
    job: { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' },
    maxRequestsPerJob: 10,
    mode: 'file',
  })
  const { jobIds } = await firstValueFrom(run$.pipe(filter(isAllCreated)))
  const stored = { jobIds, customIds: requests.map((r) => r.custom_id) }

  // Later, another process: the same events from where the jobs are now, results included.
  const completed = await lastValueFrom(
    client
      .resumeBatch$(stored.jobIds, {
        expectedCustomIds: stored.customIds,
        watch: { intervalMs: 100 },
      })
      .pipe(filter(isCompleted)),
  )
  return { jobs: stored.jobIds.length, summary: completed.summary }
}
