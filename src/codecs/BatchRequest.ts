// One request of a batch: an input file line, or an item of an inline create's `requests`.
import * as t from 'io-ts'
import { nullable } from './combinators.js'

/** A batch request: the endpoint's request `body`, and an optional `custom_id` to find its result. */
export const BatchRequest = t.intersection(
  [
    t.type({
      /** The request body of the target endpoint, e.g. `{ messages: [...] }` for chat. */
      body: t.UnknownRecord,
    }),
    t.partial({
      /** Finds this request's result among the outputs; unique within a job when given. */
      custom_id: nullable(t.string),
    }),
  ],
  'BatchRequest',
)
export type BatchRequest = t.TypeOf<typeof BatchRequest>
