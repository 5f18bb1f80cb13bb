// summarizeUsage: the tokens of a job's results, and what they cost, from any results$ stream.
import { count, firstValueFrom, lastValueFrom, share, zip } from 'rxjs'
import { createClient, summarizeUsage, type UsageSummary } from '../../src/index.js'

export async function main(baseUrl: string): Promise<{ lines: number; summary: UsageSummary }> {
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const job = await firstValueFrom(
    client.batch.create$({
      endpoint: '/v1/embeddings',
      model: 'mistral-embed',
      requests: ['apple', 'banana', 'cherry'].map((fruit) => ({ body: { input: [fruit] } })),
    }),
  )

  // One download, two consumers: the lines (written somewhere, here counted) and their totals.
  const lines$ = client.batch
    .results$(job.id, { wait: true, watch: { intervalMs: 100 } })
    .pipe(share())
  const [lines, summary] = await lastValueFrom(
    zip(
      lines$.pipe(count()),
      lines$.pipe(
        summarizeUsage({
          // a function works too: (model) => price | undefined, from your own price list
          price: { 'mistral-embed': { inputPerMTok: 0.1, outputPerMTok: 0 } },
          batchDiscount: 0.5, // the default: batch requests cost half the live price
        }),
      ),
    ),
  )
  return { lines, summary } // summary.usage.byModel['mistral-embed'].prompt_tokens, summary.estimatedCost
}
