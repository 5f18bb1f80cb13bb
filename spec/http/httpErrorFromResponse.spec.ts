// httpErrorFromResponse: status, headers and body text into an HttpError.
import { secretMask } from '../../src/errors/secretMask.js'
import { httpErrorFromResponse } from '../../src/http/httpErrorFromResponse.js'

const origin = { method: 'POST', url: 'https://api.test/v1/batch/jobs' }
const response = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
})

describe('httpErrorFromResponse', () => {
  it('masks the key should a server ever echo it', () => {
    const body = JSON.stringify({ message: 'Invalid key sk-abc for this workspace' })
    const error = httpErrorFromResponse(response(401), body, origin, 0, secretMask('sk-abc'))
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
      secretMask('k'),
    )
    expect(error.retryAfterMs).toBe(9_000)
    expect(error.body).toBeUndefined()
  })

  it('masks the key in the request id and rate-limit headers a server echoes', () => {
    const key = 'sk-echoed-0123456789'
    const headers = {
      'x-request-id': `req-${key}`,
      'x-ratelimit-remaining-requests': `Bearer ${key}`,
      'x-ratelimit-reset': encodeURIComponent(`${key}/`),
    }
    const error = httpErrorFromResponse(response(429, headers), '', origin, 0, secretMask(key))
    expect(error.requestId).toBe('req-[redacted]')
    expect(error.rateLimit).toEqual({
      'x-ratelimit-remaining-requests': 'Bearer [redacted]',
      'x-ratelimit-reset': '[redacted]%2F',
    })
    expect(JSON.stringify(error)).not.toContain(key)
  })
})
