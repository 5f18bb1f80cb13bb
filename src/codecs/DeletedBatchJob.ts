import * as t from 'io-ts'

/** The answer to deleting a job: `{id, object: "batch", deleted: true}`; only `id` is required. */
export const DeletedBatchJob = t.intersection(
  [t.type({ id: t.string }), t.partial({ object: t.string, deleted: t.boolean })],
  'DeletedBatchJob',
)
export type DeletedBatchJob = t.TypeOf<typeof DeletedBatchJob>
