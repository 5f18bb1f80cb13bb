// Checks a metadata record against the API's bounds: keys of 1..32 characters, string values of 1..512.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { isRecord } from '../fp/either.js'

/** The bounds of a metadata key, in characters. */
const METADATA_KEY_LENGTH = { min: 1, max: 32 } as const
/** The bounds of a metadata value, in characters. */
export const METADATA_VALUE_LENGTH = { min: 1, max: 512 } as const

/** A key as a message may show it: a long one is cut, since it may be anything. */
export const quoteKey = (key: string): string =>
  JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)

/**
 * The first way `metadata` breaks the bounds, as an `InvalidRequestError` whose field is `field`
 * (for the record) or `field.key` (for one entry); `undefined` when it is fine. Values are
 * never echoed: a label may hold something private.
 */
export const metadataProblem = (
  field: string,
  metadata: unknown,
): InvalidRequestError | undefined => {
  if (!isRecord(metadata)) {
    return new InvalidRequestError(`${field} must be an object of string values.`, { field })
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length < METADATA_KEY_LENGTH.min || key.length > METADATA_KEY_LENGTH.max) {
      return new InvalidRequestError(
        `${field} key ${quoteKey(key)} has ${key.length} characters; keys must have 1 to 32.`,
        { field },
      )
    }
    if (typeof value !== 'string') {
      return new InvalidRequestError(`${field}.${key} must be a string, not ${typeof value}.`, {
        field: `${field}.${key}`,
      })
    }
    if (value.length < METADATA_VALUE_LENGTH.min || value.length > METADATA_VALUE_LENGTH.max) {
      return new InvalidRequestError(
        `${field}.${key} has ${value.length} characters; values must have 1 to 512.`,
        { field: `${field}.${key}` },
      )
    }
  }
  return undefined
}
