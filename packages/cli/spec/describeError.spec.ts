// Every failure as one line and its documented exit code, with the key cut out.
import { QueueStoreError } from '@mistral-batch-rx/queue'
import { CliError } from '../src/exitCodes'
import { describeError } from '../src/describeError'
import {
  DecodeError,
  HttpError,
  InvalidRequestError,
  NetworkError,
  PaginationError,
  TimeoutError,
} from '../../../src'

const http = (status: number) =>
  new HttpError({
    status,
    method: 'GET',
    url: 'https://api.mistral.ai/v1/batch/jobs',
    requestId: 'r1',
  })

describe('describeError', () => {
  it("says the queue's database cannot be reached (exit 4), or is of a newer schema (exit 2)", () => {
    const unreachable = new QueueStoreError('cannot open it', { reason: 'unreachable' })
    expect(describeError(unreachable)).toEqual({ message: 'cannot open it', exitCode: 4 })
    const newer = new QueueStoreError('upgrade', { reason: 'newer-schema' })
    expect(describeError(newer)).toEqual({ message: 'upgrade', exitCode: 2 })
  })

  it('maps every failure to its documented exit code', () => {
    expect(describeError(new CliError('x', 130)).exitCode).toBe(130)
    expect(describeError(new InvalidRequestError('bad id', { field: 'jobId' })).exitCode).toBe(2)
    // a setting the client refuses is a usage error, like a bad argument; 3 is for the key's absence or rejection
    expect(describeError(new InvalidRequestError('odd key', { field: 'apiKey' })).exitCode).toBe(2)
    expect(describeError(new InvalidRequestError('bad url', { field: 'baseUrl' })).exitCode).toBe(2)
    expect(describeError(http(401)).exitCode).toBe(3)
    expect(describeError(http(403)).exitCode).toBe(3)
    expect(describeError(http(500)).exitCode).toBe(4)
    expect(describeError(new NetworkError('reset', { method: 'GET', url: 'u' })).exitCode).toBe(4)
    expect(describeError(new TimeoutError('slow')).exitCode).toBe(4)
    expect(describeError(new DecodeError('odd body', [], [])).exitCode).toBe(4)
    const endless = new PaginationError('page 2 brought no new item', {
      method: 'GET',
      url: 'u',
      page: 2,
      reason: 'repeated-page',
    })
    expect(describeError(endless)).toEqual({ message: 'page 2 brought no new item', exitCode: 4 })
    expect(describeError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/a' }))).toEqual({
      message: '/a: no such file',
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
    expect(described.message).toBe('unexpected error: key [redacted] leaked')
  })

  it.each([
    ['a line feed', 'sk-line-one-0001\nsk-line-two-0002'],
    ['a carriage return', 'sk-carriage-0001\rsk-return-0002'],
    ['CRLF', 'sk-crlf-one-0001\r\nsk-crlf-two-0002'],
    ['a NUL', 'sk-nul-before-01\u0000sk-nul-after-02'],
    ['control characters', 'sk-bell-0001\u0007\u001b[31msk-escape-0002'],
    ['DEL and C1 controls', 'sk-del-0001\u007f\u0085sk-c1-0002'],
    ['non-Latin-1 letters', 'sk-ключ-секрет-0001'],
    ['an emoji', 'sk-emoji-🔑-0001'],
    ['Unicode line separators', 'sk-ls-0001\u2028sk-ps-0002\u2029'],
    ['surrounding spaces', '  sk-padded-0001  '],
  ])('masks a key holding %s before folding the message into one line', (_what, key) => {
    const described = describeError(new Error(`sent "Bearer ${key}" and\n${key}`), [key])
    expect(described.message).not.toContain(key)
    for (const piece of key.split(/[\s\p{Cc}]+/u).filter((p) => p !== '')) {
      expect(described.message).not.toContain(piece)
    }
    expect(described.message).toContain('[redacted]')
    expect(described.message).not.toContain('\n')
  })
})
