import { EmbeddingResponse } from '../../../src/codecs/endpoints/embeddings.js'
import { decodeLeft, decodeRight } from '../decodeResult.js'

const embeddings = {
  id: 'embd-aad6fc62b17349b192ef09225058bc45',
  object: 'list',
  model: 'mistral-embed',
  usage: { prompt_tokens: 6, completion_tokens: 0, total_tokens: 6 },
  data: [
    { object: 'embedding', embedding: [0.1, -0.2, 0.3], index: 0 },
    { object: 'embedding', embedding: [0.4, 0.5, -0.6], index: 1 },
  ],
}

describe('EmbeddingResponse', () => {
  it('decodes embeddings', () => {
    expect(decodeRight(EmbeddingResponse, embeddings)).toEqual(embeddings)
  })

  it('reports a bad vector component by path', () => {
    const error = decodeLeft(EmbeddingResponse, {
      ...embeddings,
      data: [{ object: 'embedding', embedding: [0.1, 'NaN'], index: 0 }],
    })
    expect(error.paths).toEqual(['data.0.embedding.1: expected number, got "NaN"'])
  })
})
