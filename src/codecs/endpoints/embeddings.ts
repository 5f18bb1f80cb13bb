import * as t from 'io-ts'
import { RESPONSE_HEAD } from './chat.js'

/** An embedding: the vector, its `index` in the input, and `object` (`embedding`); none required. */
export const EmbeddingResponseData = t.partial(
  { object: t.string, embedding: t.array(t.number), index: t.number },
  'EmbeddingResponseData',
)
export type EmbeddingResponseData = t.TypeOf<typeof EmbeddingResponseData>

/** Embeddings: `id`, `object`, `model`, `usage` and `data` (one entry per input). */
export const EmbeddingResponse = t.type(
  {
    ...RESPONSE_HEAD,
    data: t.array(EmbeddingResponseData),
  },
  'EmbeddingResponse',
)
export type EmbeddingResponse = t.TypeOf<typeof EmbeddingResponse>
