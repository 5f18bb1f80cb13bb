// One request of a batch: an input file line, or an item of an inline create's `requests`.
import * as t from 'io-ts'

/** A batch request: the endpoint's request `body`, and an optional `custom_id` to find its result. */
export const BatchRequest = t.intersection(
  [t.type({ body: t.UnknownRecord }), t.partial({ custom_id: t.union([t.string, t.null]) })],
  'BatchRequest',
)
export type BatchRequest = t.TypeOf<typeof BatchRequest>
