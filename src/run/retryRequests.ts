// Where the requests of a round are read back from, to send the ones that failed again.
//
// A run keeps no copy of its input: a streamed input of millions of requests must stay in
// constant memory, and holding every body until the results are in would defeat that. So the
// requests to send again are read back once the round has ended, from what the round already
// has: an array input by index, the lists of inline jobs (held for the create anyway), or, for a
// streamed input sent as files, the round's uploaded input files, downloaded again and scanned
// for the ids wanted. Only the requests picked are kept: memory grows with the failures.
import * as E from 'fp-ts/Either'
import { concat, defer, filter, from, map, type Observable } from 'rxjs'
import type { BatchRequestInput } from '../batch/createBatchJobInput.js'
import { isRecord } from '../fp/either.js'
import type { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import type { RunDeps } from './runDeps.js'

/** The requests of a round whose custom_id is one of `ids`, in input order, each with its id. */
export type RequestsOf = (ids: ReadonlySet<string>) => Observable<BatchRequestInput>

/** From requests in memory: the request at each id's index in `registry`. */
export const requestsByIndex =
  (at: (index: number) => BatchRequestInput | undefined, registry: CustomIdRegistry): RequestsOf =>
  (ids) =>
    defer(() => {
      const found: Array<{ readonly index: number; readonly request: BatchRequestInput }> = []
      for (const id of ids) {
        const index = registry.indexOf(id)
        const request = index === undefined ? undefined : at(index)
        // a request without its own id was given its index as one: it goes again with it
        if (index !== undefined && request !== undefined) {
          found.push({ index, request: { custom_id: id, body: request.body } })
        }
      }
      found.sort((a, b) => a.index - b.index)
      return from(found.map(({ request }) => request))
    })

const ID_START = '{"custom_id":"'

/**
 * The custom_id of an input line. The lines runBatch$ writes begin with it, so it is read without
 * parsing the body (a line may be megabytes); any other line is parsed whole.
 */
export const customIdOfLine = (line: string): string | undefined => {
  if (!line.startsWith(ID_START)) {
    const parsed = parseRequest(line)
    return E.isRight(parsed) ? parsed.right.custom_id : undefined
  }
  for (let end = line.indexOf('"', ID_START.length); end >= 0; end = line.indexOf('"', end + 1)) {
    let backslashes = 0
    while (line.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 1) continue
    try {
      const id: unknown = JSON.parse(line.slice(ID_START.length - 1, end + 1))
      return typeof id === 'string' ? id : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

const parseRequest = (
  line: string,
): E.Either<undefined, { readonly custom_id: string; readonly body: Record<string, unknown> }> => {
  try {
    const value: unknown = JSON.parse(line)
    if (isRecord(value) && typeof value.custom_id === 'string' && isRecord(value.body)) {
      return E.right({ custom_id: value.custom_id, body: value.body })
    }
  } catch {
    // a line that is not JSON cannot be sent again: its request is reported, not resent
  }
  return E.left(undefined)
}

/**
 * From the input files of a round's jobs, in order, read back: each line whose id is wanted is
 * parsed, the others are skipped. `maxLineLength` caps a line (none longer was uploaded).
 */
export const requestsFromFiles =
  (deps: RunDeps, fileIds: ReadonlyArray<string>, maxLineLength: number): RequestsOf =>
  (ids) =>
    concat(...fileIds.map((fileId) => deps.storedLines$(fileId, maxLineLength))).pipe(
      map((line): BatchRequestInput | undefined => {
        if (line === null) return undefined
        const id = customIdOfLine(line)
        if (id === undefined || !ids.has(id)) return undefined
        const parsed = parseRequest(line)
        return E.isRight(parsed) ? parsed.right : undefined
      }),
      filter((request): request is BatchRequestInput => request !== undefined),
    )
