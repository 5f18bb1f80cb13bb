// The content of a message: text, null, or a list of typed chunks.
import * as t from 'io-ts'

/**
 * Message content: a string, null, or chunks (text, image_url, thinking, ...). Chunks stay plain
 * objects with a `type` key: their seven shapes change often and callers switch on `type`.
 */
export const MessageContent = t.union(
  [t.string, t.null, t.array(t.UnknownRecord)],
  'MessageContent',
)
/** Message content: a string, null, or chunks (plain objects with a `type` key). */
export type MessageContent = t.TypeOf<typeof MessageContent>
