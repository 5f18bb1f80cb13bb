// The answer to deleting a batch job.
import * as t from 'io-ts'

/** A deleted job: `{id, object: "batch", deleted: true}` (only `id` is required by the spec). */
export const DeletedBatchJob = t.intersection(
  [t.type({ id: t.string }), t.partial({ object: t.string, deleted: t.boolean })],
  'DeletedBatchJob',
)
export type DeletedBatchJob = t.TypeOf<typeof DeletedBatchJob>
