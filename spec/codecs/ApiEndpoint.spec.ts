import { API_ENDPOINTS, ApiEndpoint } from '../../src/codecs/ApiEndpoint.js'
import { decodeRight } from './decodeResult.js'

describe('ApiEndpoint', () => {
  it('knows the ten batchable endpoints', () => {
    expect(API_ENDPOINTS).toHaveLength(10)
    expect(API_ENDPOINTS).toContain('/v1/audio/transcriptions')
    expect(ApiEndpoint.isKnown('/v1/ocr')).toBe(true)
  })

  it('decodes an endpoint it does not know', () => {
    expect(decodeRight(ApiEndpoint, '/v1/agents/completions')).toBe('/v1/agents/completions')
    expect(ApiEndpoint.isKnown('/v1/agents/completions')).toBe(false)
  })
})
