// TimeoutError: a time limit exceeded, with the last value seen.
import { TimeoutError } from '../../src/errors/TimeoutError.js'

describe('TimeoutError', () => {
  it('carries the limit, the request and the last snapshot', () => {
    const snapshot = { id: 'job', status: 'RUNNING' }
    const error = new TimeoutError('watch deadline of 1000 ms passed', {
      timeoutMs: 1000,
      lastSnapshot: snapshot,
    })
    expect(error).toMatchObject({
      _tag: 'TimeoutError',
      name: 'TimeoutError',
      timeoutMs: 1000,
      method: undefined,
      lastSnapshot: snapshot,
    })
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      _tag: 'TimeoutError',
      name: 'TimeoutError',
      message: 'watch deadline of 1000 ms passed',
      timeoutMs: 1000,
      lastSnapshot: snapshot,
    })
  })
})
