// The one request pipeline of upload$, create$, runBatch$ and the batcher: each input request
// checked (shape, custom_id, body, JSON form) with one wording, given its custom_id, encoded as a
// line.
import * as E from 'fp-ts/Either'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { invalid, isRecord } from '../fp/either.js'
import { jsonTextOr } from '../http/jsonProblem.js'
import type { BodyCheck } from './bodyCheck.js'
import type { CustomIdRegistry } from './customIdRegistry.js'

/** A request as it goes into a file or an inline job. */
export interface PreparedRequest {
  /** Its position in the input, from 0. */
  readonly index: number
  /** Its own custom_id, or the one assigned to it (none in an upload that assigns none). */
  readonly custom_id: string | undefined
  readonly body: Readonly<Record<string, unknown>>
  /** `{"custom_id":...,"body":...}` and a newline. */
  readonly line: string
  /** The UTF-8 length of `line`. */
  readonly bytes: number
}

/** Gives the custom_id of the request at `index` (its own, or one assigned), checking uniqueness. */
export type CustomIdOf = (
  index: number,
  given: string | undefined,
) => E.Either<InvalidRequestError, string | undefined>

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** The UTF-8 length of `text`, without encoding it. */
export const utf8ByteLength = (text: string): number => {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) {
      bytes += 1
    } else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      // a surrogate pair: two UTF-16 units, four UTF-8 bytes
      bytes += 2
      i++
    } else {
      bytes += 2
    }
  }
  return bytes
}

/** A request's own custom_id (undefined for `undefined` or `null`) and its body. */
type RequestShape = Pick<PreparedRequest, 'custom_id' | 'body'>

const requestShape = (
  value: unknown,
  index: number,
): E.Either<InvalidRequestError, RequestShape> => {
  const field = `requests[${index}]`
  if (!isRecord(value) || !isRecord(value.body)) {
    // the field names the body when the request is an object: that is what to fix
    const where = isRecord(value) ? `${field}.body` : field
    return invalid(`${field} must be an object with an object \`body\``, where)
  }
  const id = value.custom_id
  if (id === undefined || id === null) return E.right({ custom_id: undefined, body: value.body })
  if (typeof id !== 'string') {
    return invalid(`${field}.custom_id must be a string`, `${field}.custom_id`)
  }
  return E.right({ custom_id: id, body: value.body })
}

/**
 * Checks the shape, the custom_id and (with `checkBody`) the body of every request of an array,
 * before anything is sent.
 */
export const checkRequests = (
  requests: ReadonlyArray<unknown>,
  ids: CustomIdRegistry,
  checkBody?: BodyCheck,
): E.Either<InvalidRequestError, void> => {
  // written out rather than piped, as prepareRequest: a million requests pass through here
  for (let index = 0; index < requests.length; index++) {
    const shape = requestShape(requests[index], index)
    if (E.isLeft(shape)) return shape
    const { custom_id, body } = shape.right
    const id = ids.add(index, custom_id)
    if (E.isLeft(id)) return id
    const refused = checkBody?.(body, index, custom_id)
    if (refused !== undefined) return E.left(refused)
  }
  return E.right(undefined)
}

/**
 * Checks `value`, takes its custom_id from `customIdOf` and encodes its line, or the
 * `InvalidRequestError` of a bad shape, a repeated id, a body that `checkBody` refuses, a body
 * with no JSON form, or a line longer than `maxLineBytes` (it could not fit in any file).
 */
export const prepareRequest = (
  value: unknown,
  index: number,
  customIdOf: CustomIdOf,
  maxLineBytes: number,
  checkBody?: BodyCheck,
): E.Either<InvalidRequestError, PreparedRequest> => {
  // written out rather than piped: this runs once per request, a million times in a big run
  const shape = requestShape(value, index)
  if (E.isLeft(shape)) return shape
  const { body } = shape.right
  const id = customIdOf(index, shape.right.custom_id)
  if (E.isLeft(id)) return id
  const refused = checkBody?.(body, index, shape.right.custom_id)
  if (refused !== undefined) return E.left(refused)
  const custom_id = id.right
  const field = `requests[${index}]`
  const json = jsonTextOr(custom_id === undefined ? { body } : { custom_id, body }, field)
  if (E.isLeft(json)) return json
  // JSON.stringify escapes every control character: the line has no newline inside
  const line = `${json.right}\n`
  const bytes = utf8ByteLength(line)
  if (bytes <= maxLineBytes) return E.right({ index, custom_id, body, line, bytes })
  return invalid(
    `${field} takes ${bytes} bytes as a JSONL line, more than maxFileBytes (${maxLineBytes})`,
    field,
  )
}
