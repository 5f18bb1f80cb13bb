// httpErrorFromResponse: status, headers and body text into an HttpError.
import { httpErrorFromResponse } from '../../src/http/httpErrorFromResponse.js'

const origin = { method: 'POST', url: 'https://api.test/v1/batch/jobs' }
const response = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
})

describe('httpErrorFromResponse', () => {
  it('masks the key should a server ever echo it', () => {
    const body = JSON.stringify({ message: 'Invalid key sk-abc for this workspace' })
    const error = httpErrorFromResponse(response(401), body, origin, 0, 'sk-abc')
    expect(error.message).toBe(
      'Request failed with status 401: POST https://api.test/v1/batch/jobs: Invalid key [redacted] for this workspace',
    )
  })

  it('measures an HTTP-date Retry-After from now', () => {
    const now = Date.parse('2026-08-01T12:00:00Z')
    const retryAt = new Date(now + 9_000).toUTCString()
    const error = httpErrorFromResponse(
      response(503, { 'retry-after': retryAt }),
      '',
      origin,
      now,
      'k',
    )
    expect(error.retryAfterMs).toBe(9_000)
    expect(error.body).toBeUndefined()
  })
})
