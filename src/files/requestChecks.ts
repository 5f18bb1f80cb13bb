// Checks of the request objects of a streamed upload, made one by one as they stream past.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { JsonlEncodeError } from '../jsonl/jsonlEncodeError.js'
import { jsonlChunks } from '../jsonl/encodeJsonl.js'

const MAX_ID_IN_MESSAGE = 64

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const quoteId = (id: string): string =>
  JSON.stringify(id.length > MAX_ID_IN_MESSAGE ? `${id.slice(0, MAX_ID_IN_MESSAGE)}...` : id)

/**
 * Checks batch requests in order: each must be an object with an object `body` and, if it has
 * one, a string `custom_id` seen in no earlier request. Remembers the ids (not the bodies), so a
 * million requests cost a few tens of MB at most.
 */
export class BatchRequestChecker {
  private readonly ids = new Set<string>()

  /** Throws an `InvalidRequestError` naming `requests[index]` when `value` breaks a rule. */
  check(value: unknown, index: number): void {
    const field = `requests[${index}]`
    if (!isRecord(value) || !isRecord(value.body)) {
      throw new InvalidRequestError(`${field} must be an object with an object \`body\``, {
        field,
      })
    }
    const id = value.custom_id
    if (id === undefined || id === null) return
    if (typeof id !== 'string') {
      throw new InvalidRequestError(`${field}.custom_id must be a string`, {
        field: `${field}.custom_id`,
      })
    }
    if (this.ids.has(id)) {
      throw new InvalidRequestError(
        `${field}.custom_id ${quoteId(id)} repeats the custom_id of an earlier request`,
        { field: `${field}.custom_id` },
      )
    }
    this.ids.add(id)
  }
}

/** Checks every request of an array at once (see {@link BatchRequestChecker}). */
export const checkRequests = (requests: ReadonlyArray<unknown>): void => {
  const checker = new BatchRequestChecker()
  requests.forEach((request, index) => checker.check(request, index))
}

async function* checkedRequests(
  source: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncGenerator<unknown> {
  const checker = new BatchRequestChecker()
  let index = 0
  for await (const request of source) {
    checker.check(request, index++)
    yield request
  }
}

async function* checkedJsonl(
  source: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncGenerator<Uint8Array> {
  try {
    yield* jsonlChunks(checkedRequests(source))
  } catch (error) {
    if (!(error instanceof JsonlEncodeError)) throw error
    throw error.toInvalidRequestError()
  }
}

/**
 * The JSONL bytes of `source`'s batch requests, checked and encoded only as the consumer pulls:
 * a request that breaks a rule of {@link BatchRequestChecker}, or has no JSON form, makes the
 * iteration throw an `InvalidRequestError` when it is reached. Each iteration starts afresh.
 */
export const requestJsonlChunks = (
  source: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncIterable<Uint8Array> => ({
  [Symbol.asyncIterator]: () => checkedJsonl(source),
})
