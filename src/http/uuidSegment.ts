// Validation of the ids that go into paths: Mistral's job and file ids are UUIDs.
import * as E from 'fp-ts/Either'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { invalid } from '../fp/either.js'
import { encodePathSegment } from './url.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `value` as an encoded path segment when it is a UUID, else an `InvalidRequestError` naming
 * `field` (the value itself is not echoed: a misplaced secret must not reach a log).
 */
export const uuidSegment = (
  field: string,
  value: unknown,
): E.Either<InvalidRequestError, string> => {
  if (typeof value !== 'string' || value === '') {
    return invalid(`${field} must be a non-empty string: an id as Mistral returned it`, field)
  }
  if (!UUID.test(value)) {
    return invalid(
      `${field} must be a UUID such as 0b3c1e52-7c1f-4f37-9d0e-2a5b8c4d6e7f, as Mistral returns for jobs and files`,
      field,
    )
  }
  return E.right(encodePathSegment(value))
}
