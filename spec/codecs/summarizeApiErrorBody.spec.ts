import { ApiErrorBody } from '../../src/codecs/ApiErrorBody.js'
import { summarizeApiErrorBody } from '../../src/codecs/summarizeApiErrorBody.js'
import { decodeRight } from './decodeResult.js'

const detail = [
  { type: 'missing', loc: ['body', 'endpoint'], msg: 'Field required', input: {} },
  { type: 'int_parsing', loc: ['body', 'timeout_hours'], msg: 'Input should be an integer' },
]
const summarize = (body: unknown) => summarizeApiErrorBody(decodeRight(ApiErrorBody, body))

describe('summarizeApiErrorBody', () => {
  it('reads the documented body', () => {
    expect(
      summarize({
        object: 'error',
        message: 'Rate limit exceeded',
        type: 'rate_limited',
        param: null,
        code: '1300',
      }),
    ).toEqual({ message: 'Rate limit exceeded', type: 'rate_limited', code: '1300' })
  })

  it('reads a message with a request id, and a numeric code as text', () => {
    expect(summarize({ message: 'Unauthorized', request_id: 'r1' })).toEqual({
      message: 'Unauthorized',
      requestId: 'r1',
    })
    expect(summarize({ object: 'error', message: 'm', param: 'model', code: 3 })).toEqual({
      message: 'm',
      param: 'model',
      code: '3',
    })
  })

  it('reads a string detail', () => {
    expect(summarize({ detail: 'Unauthorized' })).toEqual({ message: 'Unauthorized' })
  })

  it('turns a detail list into one readable message and keeps the items', () => {
    const expected = {
      message: 'body.endpoint: Field required; body.timeout_hours: Input should be an integer',
      detail,
    }
    expect(summarize({ detail })).toEqual(expected)
    expect(
      summarize({ object: 'error', message: { detail }, type: 'invalid_request_error' }),
    ).toEqual({ ...expected, type: 'invalid_request_error' })
  })
})
