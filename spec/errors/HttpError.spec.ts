// HttpError: the status, the request and what the body said.
import { HttpError } from '../../src/errors/HttpError.js'

const request = { method: 'GET', url: 'https://api.test/v1/batch/jobs' }

describe('HttpError', () => {
  it('says what failed and what the server said', () => {
    const error = new HttpError({
      ...request,
      status: 429,
      body: {
        object: 'error',
        message: 'Rate limit exceeded',
        type: 'rate_limited',
        param: null,
        code: '1300',
      },
      requestId: 'r-1',
      retryAfterMs: 2000,
      rateLimit: { 'x-ratelimit-remaining-req-minute': '0' },
    })
    expect(error.message).toBe(
      'Request failed with status 429: GET https://api.test/v1/batch/jobs: Rate limit exceeded',
    )
    expect(error).toMatchObject({
      _tag: 'HttpError',
      name: 'HttpError',
      status: 429,
      type: 'rate_limited',
      code: '1300',
      param: undefined,
      detail: undefined,
      requestId: 'r-1',
      retryAfterMs: 2000,
    })
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      _tag: 'HttpError',
      status: 429,
      url: 'https://api.test/v1/batch/jobs',
      code: '1300',
      rateLimit: { 'x-ratelimit-remaining-req-minute': '0' },
    })
  })

  it('takes the request id from the body when no header gave one', () => {
    const error = new HttpError({
      ...request,
      status: 401,
      body: { message: 'Unauthorized', request_id: 'body-7' },
    })
    expect(error.requestId).toBe('body-7')
  })

  it('reads a numeric code as a string and keeps param', () => {
    const error = new HttpError({
      ...request,
      status: 400,
      body: {
        object: 'error',
        message: 'bad model',
        type: 'invalid_request_error',
        param: 'model',
        code: 3001,
      },
    })
    expect(error).toMatchObject({ code: '3001', param: 'model' })
  })

  it('has a plain message and empty fields without a body', () => {
    const error = new HttpError({ ...request, status: 500 })
    expect(error.message).toBe('Request failed with status 500: GET https://api.test/v1/batch/jobs')
    expect(error).toMatchObject({ body: undefined, type: undefined, rateLimit: {} })
  })
})
