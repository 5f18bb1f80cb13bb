// Concepts: decoding into Either, the MistralBatchError union, and toEither().
import { either as E, function as F } from 'fp-ts'
import { firstValueFrom } from 'rxjs'
import {
  BatchResult,
  createClient,
  decode,
  toEither,
  type MistralBatchError,
} from '../../src/index.js'

/** One line per failure, by its tag: each member of the union carries its own context. */
export const describeFailure = (error: MistralBatchError): string => {
  switch (error._tag) {
    case 'InvalidRequestError':
      return `not sent, ${error.field ?? 'request'} is invalid: ${error.message}`
    case 'HttpError':
      return `HTTP ${error.status} from ${error.method} ${error.url}`
    case 'NetworkError':
      return `network: ${error.code ?? error.message}`
    case 'TimeoutError':
      return `no answer within ${error.timeoutMs ?? '?'} ms`
    case 'DecodeError':
      return `unexpected shape: ${error.paths.join('; ')}`
    case 'PaginationError':
      return `listing stopped at page ${error.page}: ${error.reason}`
    case 'BatchJobEndedError':
      return `job ${error.job.id} ended ${error.job.status} without this result`
    case 'NoResultError':
      return `no result line for ${error.customId}`
  }
}

export async function main(baseUrl: string): Promise<string[]> {
  // A codec decodes unknown JSON into Either: Left with a readable report, or Right with the type.
  const line: unknown = JSON.parse('{"custom_id": 7, "response": null}')
  const decoded = F.pipe(
    decode(BatchResult, 'Result line 1')(line),
    E.match(
      (error) => error.message,
      (result) => `custom_id ${result.custom_id}`,
    ),
  )

  // toEither(): the typed failure arrives as a Left value instead of an error notification.
  const client = createClient({ apiKey: 'local-key', baseUrl })
  const missing = await firstValueFrom(
    client.batch.get$('4f0c6a0e-5b1d-4c43-9a43-0d2b8e5f7a10').pipe(toEither()),
  )
  const notAnId = await firstValueFrom(client.batch.get$('job-42').pipe(toEither()))

  const outcome = E.match(describeFailure, (job: { id: string }) => `found ${job.id}`)
  return [decoded, outcome(missing), outcome(notAnId)]
}
