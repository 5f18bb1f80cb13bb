import * as t from 'io-ts'

/** The answer to deleting a file: `{id, object, deleted}`. */
export const DeletedFile = t.type(
  { id: t.string, object: t.string, deleted: t.boolean },
  'DeletedFile',
)
export type DeletedFile = t.TypeOf<typeof DeletedFile>
