// The micro-batcher: single requests in, single results out, gathered into batch jobs.
import { firstValueFrom, forkJoin, map } from 'rxjs'
import { createClient, EmbeddingResponse } from '../../src/index.js'

export async function main(baseUrl: string): Promise<number[]> {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const batcher = client.batcher({
    job: { endpoint: '/v1/embeddings', model: 'mistral-embed' },
    body: EmbeddingResponse, // each result's response.body decoded and typed
    maxBatchSize: 100, // a job as soon as 100 submissions wait...
    maxWaitMs: 200, // ...or 200 ms after the oldest one waiting arrived
    watch: { intervalMs: 100 },
  })

  // Each submit$ is one request; its subscriber gets its own result, as with a live call.
  const embeddingSize$ = (text: string) =>
    batcher.submit$({ input: [text] }).pipe(
      map((result) => {
        if (result.failed) throw new Error(`request ${result.custom_id} failed`)
        return result.response.body.data[0]?.embedding?.length ?? 0
      }),
    )

  // Three submissions within 200 ms: one batch job, three results.
  const sizes = await firstValueFrom(forkJoin(['apple', 'banana', 'cherry'].map(embeddingSize$)))
  batcher.close() // refuse new submissions; jobs already sent run to their end
  return sizes // [1024, 1024, 1024]
}
