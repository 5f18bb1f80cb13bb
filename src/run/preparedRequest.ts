// One input request made ready to send: checked, given its custom_id, encoded as a JSONL line.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { encodeJsonlLine } from '../jsonl/encodeJsonlLine.js'
import { JsonlEncodeError } from '../jsonl/jsonlEncodeError.js'

/** A request of the run, as it goes into a file or an inline job. */
export interface PreparedRequest {
  /** Its position in the input, from 0. */
  readonly index: number
  /** Its own custom_id, or the one assigned to it. */
  readonly custom_id: string
  /** The endpoint's request body, as given. */
  readonly body: Readonly<Record<string, unknown>>
  /** `{"custom_id":...,"body":...}` and a newline. */
  readonly line: string
  /** The UTF-8 length of `line`. */
  readonly bytes: number
}

/** Gives the custom_id of the request at `index` (its own, or one assigned), checking uniqueness. */
export type CustomIdOf = (index: number, given: string | undefined) => string

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

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

/**
 * The custom_id a request gives itself: undefined when it has none (`undefined` or `null`).
 * Throws an `InvalidRequestError` for a request that is not an object with an object `body`,
 * or a custom_id that is not a string.
 */
export const checkRequestShape = (value: unknown, index: number): string | undefined => {
  const field = `requests[${index}]`
  if (!isRecord(value) || !isRecord(value.body)) {
    throw new InvalidRequestError(`${field} must be an object with an object \`body\``, { field })
  }
  const id = value.custom_id
  if (id === undefined || id === null) return undefined
  if (typeof id !== 'string') {
    throw new InvalidRequestError(`${field}.custom_id must be a string`, {
      field: `${field}.custom_id`,
    })
  }
  return id
}

/**
 * Checks `value`, takes its custom_id from `customIdOf` and encodes its line. Throws an
 * `InvalidRequestError` for a bad shape, a repeated id, a body with no JSON form, or a line longer
 * than `maxLineBytes` (it could not fit in any file).
 */
export const prepareRequest = (
  value: unknown,
  index: number,
  customIdOf: CustomIdOf,
  maxLineBytes: number,
): PreparedRequest => {
  const custom_id = customIdOf(index, checkRequestShape(value, index))
  const body = (value as { body: Record<string, unknown> }).body
  const field = `requests[${index}]`
  let line: string
  try {
    line = encodeJsonlLine({ custom_id, body }, index)
  } catch (error) {
    if (!(error instanceof JsonlEncodeError)) throw error
    throw error.toInvalidRequestError()
  }
  const bytes = utf8ByteLength(line)
  if (bytes > maxLineBytes) {
    throw new InvalidRequestError(
      `${field} takes ${bytes} bytes as a JSONL line, more than maxFileBytes (${maxLineBytes})`,
      { field },
    )
  }
  return { index, custom_id, body, line, bytes }
}
