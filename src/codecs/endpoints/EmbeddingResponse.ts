// The body of a /v1/embeddings result.
import * as t from 'io-ts'
import { EmbeddingResponseData } from './EmbeddingResponseData.js'
import { UsageInfo } from './UsageInfo.js'

/** Embeddings: `id`, `object`, `model`, `usage` and `data` (one entry per input). */
export const EmbeddingResponse = t.type(
  {
    id: t.string,
    object: t.string,
    model: t.string,
    usage: UsageInfo,
    data: t.array(EmbeddingResponseData),
  },
  'EmbeddingResponse',
)
/** Embeddings: `id`, `object`, `model`, `usage` and `data` (one entry per input). */
export type EmbeddingResponse = t.TypeOf<typeof EmbeddingResponse>
