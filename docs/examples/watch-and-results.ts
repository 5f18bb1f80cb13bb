// Watching and results: upload requests, create a job, follow it to its end, stream its results typed.
import { either as E } from 'fp-ts'
import { concatMap, firstValueFrom, last, lastValueFrom, tap, toArray } from 'rxjs'
import { ChatCompletionResponse, createClient, type BatchRequest } from '../../src/index.js'

export async function main(baseUrl: string) {
  const client = createClient({ apiKey: 'local-key', baseUrl })

  // Requests are encoded to JSONL as the upload streams them (never one big string).
  const questions = ['What is RxJS?', 'What is io-ts?', 'What does a batch API cost?']
  const requests: BatchRequest[] = questions.map((question, i) => ({
    custom_id: `q${i + 1}`,
    body: { messages: [{ role: 'user', content: question }] },
  }))
  // A body the chat endpoint rejects (no `messages`): it comes back as a failed line.
  requests.push({ custom_id: 'broken', body: { prompt: 'no messages' } })
  const file = await firstValueFrom(client.files.upload$(requests, { filename: 'questions.jsonl' }))

  const job = await firstValueFrom(
    client.batch.create$({
      endpoint: '/v1/chat/completions',
      model: 'mistral-small-latest',
      input_files: [file.id],
    }),
  )

  const progress: string[] = []
  const lines = await lastValueFrom(
    client.batch.watchJob$(job.id, { intervalMs: 100 }).pipe(
      // One snapshot at once, then one per change of status or counters, the terminal one last.
      tap((snapshot) => progress.push(snapshot.status)),
      last(),
      // Then the output file and the error file, one Either per line, bodies decoded as chat.
      concatMap((finished) => client.batch.results$(finished, { body: ChatCompletionResponse })),
      toArray(),
    ),
  )

  const answers: Record<string, string> = {}
  const failed: string[] = []
  for (const line of lines) {
    if (E.isLeft(line)) continue // a line that could not be read: line.left says where and why
    const result = line.right
    if (result.failed) failed.push(`${result.custom_id}: status ${result.response?.status_code}`)
    else
      answers[result.custom_id ?? '?'] = String(result.response.body.choices[0]?.message?.content)
  }
  return { finalStatus: progress.at(-1), answers, failed }
}
