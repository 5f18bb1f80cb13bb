// Getting started: a batch job from a few inline requests, its answers once it has finished.
import { either as E } from 'fp-ts'
import { concatMap, lastValueFrom, map, toArray } from 'rxjs'
import { ChatCompletionResponse, createClient } from '../../src/index.js'

export async function main(baseUrl: string): Promise<string[]> {
  // Against Mistral: createClient() reads MISTRAL_API_KEY. Here: the local emulator.
  const client = createClient({ apiKey: 'local-key', baseUrl })

  const answers$ = client.batch
    .create$({
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      requests: [
        {
          custom_id: 'haiku',
          body: { messages: [{ role: 'user', content: 'A haiku on rivers' }] },
        },
        { custom_id: 'joke', body: { messages: [{ role: 'user', content: 'A joke on queues' }] } },
      ],
    })
    .pipe(
      // Wait for the job to end (polling adaptively), then read one result per request.
      concatMap((job) =>
        client.batch.results$(job, {
          wait: true,
          watch: { intervalMs: 200 },
          body: ChatCompletionResponse,
        }),
      ),
      map((line) => {
        if (E.isLeft(line)) return `unreadable line: ${line.left.message}`
        const result = line.right
        if (result.failed) return `${result.custom_id}: failed`
        return `${result.custom_id}: ${result.response.body.choices[0]?.message?.content}`
      }),
      toArray(),
    )

  // Nothing was sent until now: subscribing (here through lastValueFrom) starts it all.
  return lastValueFrom(answers$)
}
