// The fake embeddings: one unit vector per input, 1024 floats by default, stable per text.
import { answer } from './behaviourHelpers.js'

type Embedding = { object: string; embedding: number[]; index: number }
type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

const embed = (body: Record<string, unknown>) => answer('/v1/embeddings', body)
const vectors = (body: Record<string, unknown>) =>
  (embed(body).data as Embedding[]).map((item) => item.embedding)

describe('fake embeddings', () => {
  it('gives one 1024-float unit vector per input, indexed in order, as a list', () => {
    const body = embed({ input: ['first', 'second', 'third'] })
    expect(body.object).toBe('list')
    expect(body.model).toBe('mistral-embed')
    const data = body.data as Embedding[]
    expect(data.map((item) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ])
    for (const { embedding } of data) {
      expect(embedding).toHaveLength(1024)
      const norm = Math.sqrt(embedding.reduce((sum, value) => sum + value * value, 0))
      expect(norm).toBeCloseTo(1, 3)
      expect(embedding.filter((value) => Math.round(value * 1e6) / 1e6 !== value)).toEqual([])
    }
  })

  it('accepts a single string as input', () => {
    expect(vectors({ input: 'alone' })).toHaveLength(1)
  })

  it('honours output_dimension', () => {
    expect(vectors({ input: ['a', 'b'], output_dimension: 256 }).map((v) => v.length)).toEqual([
      256, 256,
    ])
  })

  it('gives a text the same vector whatever else is in the request, and other texts other vectors', () => {
    const [alone] = vectors({ input: 'shared text' })
    const [, together, other] = vectors({ input: ['first', 'shared text', 'other text'] })
    expect(together).toEqual(alone)
    expect(other).not.toEqual(alone)
  })

  it('counts prompt tokens only', () => {
    const usage = embed({ input: ['a'.repeat(40), 'b'.repeat(40)] }).usage as Usage
    expect(usage).toEqual({ prompt_tokens: 20, completion_tokens: 0, total_tokens: 20 })
  })

  it('encodes int8, uint8 and packed binary dtypes as integers in their ranges', () => {
    const outside = (vector: number[] | undefined, min: number, max: number) =>
      (vector ?? [NaN]).filter((v) => !Number.isInteger(v) || v < min || v > max)
    const [int8] = vectors({ input: 'x', output_dtype: 'int8' })
    expect(outside(int8, -128, 127)).toEqual([])
    const [uint8] = vectors({ input: 'x', output_dtype: 'uint8' })
    expect(outside(uint8, 0, 255)).toEqual([])
    const [binary] = vectors({ input: 'x', output_dtype: 'binary' })
    expect(binary).toHaveLength(128)
    expect(outside(binary, -128, 127)).toEqual([])
    const [ubinary] = vectors({ input: 'x', output_dtype: 'ubinary', output_dimension: 16 })
    expect(ubinary).toHaveLength(2)
    expect(outside(ubinary, 0, 255)).toEqual([])
  })
})
