// One line of a batch output or error file (or one item of an inline job's `outputs`).
import * as t from 'io-ts'
import { nullable } from './combinators.js'

/** The endpoint's answer to one request: its HTTP `status_code` and `body` (any JSON). */
export const BatchResponse = t.type({ status_code: t.number, body: t.unknown }, 'BatchResponse')
export type BatchResponse = t.TypeOf<typeof BatchResponse>

/**
 * A result line, `{id, custom_id, response: {status_code, body}, error}`. Only `custom_id` is
 * required (null when the request had none): no public example of an error line exists, and
 * WIRE.md infers it may carry `error` not null and/or `response.status_code` >= 400, so both
 * readings decode and `error` may be an object or a string.
 */
export const BatchResult = t.intersection(
  [
    t.type({ custom_id: nullable(t.string) }),
    t.partial({
      id: t.string,
      response: nullable(BatchResponse),
      error: t.union([t.UnknownRecord, t.string, t.null]),
    }),
  ],
  'BatchResult',
)
export type BatchResult = t.TypeOf<typeof BatchResult>
