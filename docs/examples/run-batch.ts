// runBatch$: a whole batch as one stream of events, from a lazy source of requests, sharded.
import { lastValueFrom, tap } from 'rxjs'
import { createClient, type BatchRequestInput, type RunSummary } from '../../src/index.js'

/** Requests produced on demand (a database cursor, a file being read...): never all in memory. */
async function* productDescriptions(count: number): AsyncGenerator<BatchRequestInput> {
  for (let i = 1; i <= count; i++) {
    yield {
      custom_id: `product-${i}`,
      body: { messages: [{ role: 'user', content: `Describe product ${i} in one line.` }] },
    }
  }
}

export async function main(baseUrl: string): Promise<{ log: string[]; summary: RunSummary }> {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const log: string[] = []

  const completed = await lastValueFrom(
    client
      .runBatch$(productDescriptions(250), {
        // the fields of every job, in the wire's names, as create$ takes them
        job: {
          endpoint: '/v1/chat/completions',
          model: 'mistral-small-latest',
          metadata: { project: 'catalog' },
        },
        mode: 'file', // 'auto' (the default) sends up to 10,000 requests inline
        maxRequestsPerJob: 100, // 250 requests: three files, three jobs, run side by side
        watch: { intervalMs: 100 },
      })
      .pipe(
        tap((event) => {
          switch (event.type) {
            case 'uploaded':
              return log.push(`uploaded shard ${event.shard}: ${event.requests} requests`)
            case 'created':
              // Persist event.jobIds here to resume after a crash (see resumeBatch$).
              return log.push(`created job ${event.shard + 1} of ${event.shards}`)
            case 'progress':
              return // event.totals: the counters summed over every job of the run
            case 'result':
              return // event.custom_id, event.result: Either<ResultLineError, ResultLine>
            case 'completed':
              return log.push(`completed: ${event.jobs.map((job) => job.status).join(', ')}`)
          }
        }),
      ),
  )
  if (completed.type !== 'completed') throw new Error('a run always ends with `completed`')
  return { log, summary: completed.summary }
}
