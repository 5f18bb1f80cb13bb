// networkErrorFrom: what fetch rejects with, kept as a NetworkError with its code.
import { networkErrorFrom, summarizeCause } from '../../src/http/networkErrorFrom.js'

const origin = { method: 'GET', url: 'https://api.test/v1/batch/jobs' }

describe('networkErrorFrom', () => {
  it("finds the code undici nests under `cause` (Node's global fetch)", () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    })
    const networkError = networkErrorFrom(error, origin)
    expect(networkError.code).toBe('ECONNREFUSED')
    expect(networkError.message).toBe(
      'GET https://api.test/v1/batch/jobs failed: connect ECONNREFUSED 127.0.0.1:9',
    )
    expect(networkError.cause).toEqual({
      name: 'TypeError',
      message: 'connect ECONNREFUSED 127.0.0.1:9',
      code: 'ECONNREFUSED',
    })
  })

  it('finds the code of the first error of an AggregateError', () => {
    const error = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]),
    })
    expect(networkErrorFrom(error, origin).code).toBe('ECONNREFUSED')
  })

  it('reads the code node-fetch puts on the error itself', () => {
    const error = Object.assign(new Error('request to x failed, reason: socket hang up'), {
      name: 'FetchError',
      code: 'ECONNRESET',
    })
    expect(summarizeCause(error)).toEqual({
      name: 'FetchError',
      message: 'request to x failed, reason: socket hang up',
      code: 'ECONNRESET',
    })
  })

  it('copes with a thrown non-error', () => {
    expect(summarizeCause('boom')).toEqual({ name: 'Error', message: 'boom' })
  })
})
