// Every failure as one line and its documented exit code, with the key cut out.
import { CliError } from '../../src/cli/CliError'
import { describeError, redact } from '../../src/cli/describeError'
import { DecodeError, HttpError, InvalidRequestError, NetworkError, TimeoutError } from '../../src'

const http = (status: number) =>
  new HttpError({
    status,
    method: 'GET',
    url: 'https://api.mistral.ai/v1/batch/jobs',
    requestId: 'r1',
  })

describe('describeError', () => {
  it('maps every failure to its documented exit code', () => {
    expect(describeError(new CliError('x', 130)).exitCode).toBe(130)
    expect(describeError(new InvalidRequestError('bad id', { field: 'jobId' })).exitCode).toBe(2)
    expect(describeError(new InvalidRequestError('no key', { field: 'apiKey' })).exitCode).toBe(3)
    expect(describeError(new InvalidRequestError('bad url', { field: 'baseUrl' })).exitCode).toBe(3)
    expect(describeError(http(401)).exitCode).toBe(3)
    expect(describeError(http(403)).exitCode).toBe(3)
    expect(describeError(http(500)).exitCode).toBe(4)
    expect(describeError(new NetworkError('reset', { method: 'GET', url: 'u' })).exitCode).toBe(4)
    expect(describeError(new TimeoutError('slow')).exitCode).toBe(4)
    expect(describeError(new DecodeError('odd body', [], [])).exitCode).toBe(4)
    expect(describeError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/a' }))).toEqual({
      message: '/a: no such file or directory',
      exitCode: 2,
    })
    expect(describeError(new Error('boom'))).toEqual({
      message: 'unexpected error: boom',
      exitCode: 1,
    })
  })

  it('adds the request id and a key hint to a 401, and a server hint to a refused connection', () => {
    expect(describeError(http(401)).message).toBe(
      'Request failed with status 401: GET https://api.mistral.ai/v1/batch/jobs (request id r1): ' +
        'check MISTRAL_API_KEY or --api-key',
    )
    const refused = new NetworkError('connect failed', {
      method: 'GET',
      url: 'http://127.0.0.1:9',
      cause: { name: 'Error', message: 'refused', code: 'ECONNREFUSED' },
    })
    expect(describeError(refused).message).toBe(
      'connect failed (is the server running? check --base-url)',
    )
  })

  it('keeps to one line and cuts the key out of any message', () => {
    const described = describeError(new Error('key sk-secret-9876\nleaked'), ['sk-secret-9876'])
    expect(described.message).toBe('unexpected error: key *** leaked')
    expect(redact('a sk-1 b', ['sk-1'])).toBe('a *** b')
  })
})
