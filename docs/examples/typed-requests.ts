// Typed requests: bodies typed by their endpoint, checked before anything is sent, and sent
// unchecked on purpose with validateBodies: false.
import { lastValueFrom, toArray, type Observable } from 'rxjs'
import {
  chatRequest,
  createClient,
  isInvalidRequestError,
  type BatchEvent,
  type BatchRequestInput,
  type RunSummary,
} from 'mistral-batch-rx'

const job = { endpoint: '/v1/chat/completions', model: 'mistral-small-latest' } as const
const watch = { intervalMs: 100 }

const summaryOf = (last: BatchEvent): RunSummary => {
  if (last.type !== 'completed') throw new Error('a run always ends with `completed`')
  return last.summary
}

/** The message of the `InvalidRequestError` an Observable fails with, or the error passed on. */
const refusal = (operation$: Observable<unknown>) =>
  lastValueFrom(operation$).then(
    () => 'sent',
    (error: unknown) => {
      if (!isInvalidRequestError(error)) throw error
      return { field: error.field, message: error.message }
    },
  )

export async function main(baseUrl: string) {
  const client = createClient({ apiKey: 'local-key', baseUrl })

  // The builder types the body as a ChatCompletionRequest: an editor completes its fields, and
  // `role: 'robot'` or a misspelt `temprature` would not compile. It checks nothing itself.
  const questions = ['Paris', 'Rome'].map((city, i) =>
    chatRequest(`q-${i}`, {
      messages: [
        { role: 'system', content: 'Answer in one short sentence.' },
        { role: 'user', content: `What is ${city} famous for?` },
      ],
      max_tokens: 64,
    }),
  )
  const answered = summaryOf(await lastValueFrom(client.runBatch$(questions, { job, watch })))

  // Requests read from elsewhere (a file, a database) are plain objects: runBatch$ checks every
  // body against the endpoint's codec before anything is sent, and names the first that fails.
  const fromAFile: BatchRequestInput[] = [
    ...questions,
    { custom_id: 'q-2', body: { prompt: 'What is Lyon famous for?' } },
  ]
  const refused = await refusal(client.runBatch$(fromAFile, { job, watch }))

  // validateBodies: false sends the bodies as they are (a field this client does not know yet,
  // say); this one has no messages, so the model refuses it in its own result line.
  const events = await lastValueFrom(
    client.runBatch$(fromAFile, { job, watch, validateBodies: false }).pipe(toArray()),
  )
  const unchecked = summaryOf(events[events.length - 1]!)

  // A status filter is checked too: a typo would make the server refuse the whole listing.
  const listing = await refusal(client.batch.list$({ status: ['RUNNNING'] }))

  return {
    answered: answered.succeeded,
    refused,
    unchecked: { succeeded: unchecked.succeeded, failed: unchecked.failed },
    listing,
  }
}
