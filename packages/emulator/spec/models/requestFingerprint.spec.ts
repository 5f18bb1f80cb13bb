// The request fingerprint: canonical JSON, and two hashes that tell different requests apart.
import { canonicalJson, fingerprint, requestFingerprint } from '../../src/models/fakeKit.js'

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,1]},"b":1}',
    )
  })

  it('drops undefined members as JSON does, and writes undefined items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, null] })).toBe('{"b":[null,null]}')
    expect(JSON.parse(canonicalJson({ q: 'a "quoted"\nline' }))).toEqual({ q: 'a "quoted"\nline' })
  })
})

describe('fingerprint', () => {
  it('is FNV-1a in its high half', () => {
    // FNV-1a 32 of "a" is 0xe40c292c.
    expect(fingerprint('a').high).toBe(0xe40c292c)
  })

  it('gives 10,000 different short texts 10,000 different fingerprints', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const { high, low } = fingerprint(`{"custom_id":"${i}"}`)
      seen.add(`${high}:${low}`)
    }
    expect(seen.size).toBe(10_000)
  })

  it('depends on the endpoint and the model as well as the body', () => {
    const base = requestFingerprint('/v1/ocr', 'm', { a: 1 })
    expect(requestFingerprint('/v1/ocr', 'm', { a: 1 })).toEqual(base)
    expect(requestFingerprint('/v1/embeddings', 'm', { a: 1 })).not.toEqual(base)
    expect(requestFingerprint('/v1/ocr', 'n', { a: 1 })).not.toEqual(base)
    expect(requestFingerprint('/v1/ocr', 'm', { a: 2 })).not.toEqual(base)
  })
})
