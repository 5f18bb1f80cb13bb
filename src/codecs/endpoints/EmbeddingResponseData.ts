// One embedding of an embeddings response.
import * as t from 'io-ts'

/** An embedding: the vector, its `index` in the input, and `object` (`embedding`); none required. */
export const EmbeddingResponseData = t.partial(
  { object: t.string, embedding: t.array(t.number), index: t.number },
  'EmbeddingResponseData',
)
/** An embedding: the vector, its `index` in the input, and `object` (`embedding`); none required. */
export type EmbeddingResponseData = t.TypeOf<typeof EmbeddingResponseData>
