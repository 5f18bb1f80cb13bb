import {
  chunkBytesOption,
  DEFAULT_CHUNK_BYTES,
  Utf8ChunkBuilder,
} from '../../src/jsonl/utf8ChunkBuilder.js'

const text = (chunk: Uint8Array | undefined): string | undefined =>
  chunk && new TextDecoder().decode(chunk)

describe('Utf8ChunkBuilder', () => {
  it('holds text until chunkBytes are gathered, then gives them as one UTF-8 chunk', () => {
    const builder = new Utf8ChunkBuilder(6)
    expect(builder.add('ab\n')).toBeUndefined()
    expect(text(builder.add('é€\n'))).toBe('ab\né€\n')
    expect(builder.flush()).toBeUndefined()
  })

  it('makes a text longer than chunkBytes a chunk of its own', () => {
    const builder = new Utf8ChunkBuilder(4)
    expect(text(builder.add('0123456789\n'))).toBe('0123456789\n')
  })

  it('flushes the rest', () => {
    const builder = new Utf8ChunkBuilder(100)
    builder.add('a\n')
    expect(text(builder.flush())).toBe('a\n')
    expect(builder.flush()).toBeUndefined()
  })
})

describe('chunkBytesOption', () => {
  it('defaults to 64 KiB', () => {
    expect(chunkBytesOption(undefined)).toBe(DEFAULT_CHUNK_BYTES)
    expect(DEFAULT_CHUNK_BYTES).toBe(65536)
  })

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p', (value) => {
    expect(() => chunkBytesOption(value)).toThrow(
      new RangeError(`chunkBytes must be a positive integer, got ${String(value)}`),
    )
  })
})
