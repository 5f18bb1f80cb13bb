// Concepts: an operation is a cold Observable; nothing is sent before subscribe, each subscription sends.
import { firstValueFrom } from 'rxjs'
import { createClient, toEither, type FetchLike } from '../../src/index.js'

export async function main(baseUrl: string): Promise<{ before: number; after: number }> {
  // Count the requests that reach fetch (the client takes any fetch-compatible function).
  let sent = 0
  const countingFetch: FetchLike = (input, init) => {
    sent += 1
    return fetch(input, init)
  }
  const client = createClient({ apiKey: 'local-key', baseUrl, fetch: countingFetch })

  // Only a description of a request: nothing has been sent yet.
  const job$ = client.batch.get$('4f0c6a0e-5b1d-4c43-9a43-0d2b8e5f7a10').pipe(toEither())
  const before = sent

  // Each subscription sends its own request (this job does not exist: each gets a 404).
  await firstValueFrom(job$)
  await firstValueFrom(job$)
  return { before, after: sent } // { before: 0, after: 2 }
}
