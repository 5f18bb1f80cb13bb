// The README's example: follow a batch job to its end, then stream its answers, typed, line by line.
import { either as E } from 'fp-ts'
import { concatMap, filter, last, map, tap } from 'rxjs'
import { ChatCompletionResponse, type MistralBatchClient } from '../../src/index.js'

export const answers$ = (client: MistralBatchClient, jobId: string) =>
  client.batch.watchJob$(jobId).pipe(
    tap((job) => console.log(`${job.status} ${job.completed_requests}/${job.total_requests}`)),
    last(), // the terminal snapshot: SUCCESS, FAILED, TIMEOUT_EXCEEDED or CANCELLED
    concatMap((job) => client.batch.results$(job, { body: ChatCompletionResponse })),
    filter(E.isRight), // a Left is a line that could not be read: it says where and why
    map(({ right: r }) =>
      r.failed
        ? `${r.custom_id}: failed`
        : `${r.custom_id}: ${r.response.body.choices[0]?.message?.content}`,
    ),
  )
// answers$(createClient(), jobId).subscribe(console.log) // createClient() reads MISTRAL_API_KEY
