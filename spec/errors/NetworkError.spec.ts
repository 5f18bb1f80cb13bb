// NetworkError: no response, with the failure's code.
import { NetworkError } from '../../src/errors/NetworkError.js'

describe('NetworkError', () => {
  it('carries method, url, code and a summary of the cause', () => {
    const cause = {
      name: 'TypeError',
      message: 'connect ECONNREFUSED 127.0.0.1:9',
      code: 'ECONNREFUSED',
    }
    const error = new NetworkError('GET https://api.test/x failed: connect ECONNREFUSED', {
      method: 'GET',
      url: 'https://api.test/x',
      cause,
    })
    expect(error).toMatchObject({
      _tag: 'NetworkError',
      name: 'NetworkError',
      code: 'ECONNREFUSED',
      cause,
    })
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'NetworkError',
      name: 'NetworkError',
      message: 'GET https://api.test/x failed: connect ECONNREFUSED',
      method: 'GET',
      url: 'https://api.test/x',
      code: 'ECONNREFUSED',
      cause,
    })
  })

  it('has no code without a cause', () => {
    const error = new NetworkError('failed', { method: 'GET', url: 'https://api.test/x' })
    expect(error.code).toBeUndefined()
    expect(error.cause).toBeUndefined()
  })
})
