// URL building and redaction.
import { buildUrl, encodePathSegment, redactUrl } from '../../src/http/url.js'

describe('encodePathSegment', () => {
  it('keeps a UUID as it is', () => {
    const id = '0b5f5a43-8a5e-4d5b-9f5c-2a3c8f6e1d10'
    expect(encodePathSegment(id)).toBe(id)
  })

  it('percent-encodes anything that could leave the segment', () => {
    expect(encodePathSegment('../files?x=1#y')).toBe('%2E%2E%2Ffiles%3Fx%3D1%23y')
    expect(encodePathSegment('a b/é')).toBe('a%20b%2F%C3%A9')
  })
})

describe('buildUrl', () => {
  it('joins base, path and query', () => {
    expect(
      buildUrl('https://api.mistral.ai', '/v1/batch/jobs', { page: 2, status: ['QUEUED'] }),
    ).toBe('https://api.mistral.ai/v1/batch/jobs?page=2&status=QUEUED')
  })

  it('keeps a base path prefix and adds no ? for an empty query', () => {
    expect(buildUrl('http://127.0.0.1:8080/proxy', 'v1/files', { purpose: undefined })).toBe(
      'http://127.0.0.1:8080/proxy/v1/files',
    )
  })
})

describe('redactUrl', () => {
  it('drops credentials and fragments', () => {
    expect(redactUrl('https://user:pass@api.test/v1/x#frag')).toBe('https://api.test/v1/x')
  })

  it('masks secret query values and keeps the others', () => {
    expect(redactUrl('https://files.test/c?signature=abc&expiry=24&api_key=k&token=t')).toBe(
      'https://files.test/c?signature=redacted&expiry=24&api_key=redacted&token=redacted',
    )
  })

  it('never echoes what it cannot parse', () => {
    expect(redactUrl('not a url with sk-secret')).toBe('[unparseable url]')
  })
})
