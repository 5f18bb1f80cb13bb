import {
  ApiErrorBody,
  DetailErrorBody,
  MessageErrorBody,
  MistralErrorBody,
  ValidationErrorBody,
  WrappedValidationErrorBody,
} from '../../src/codecs/ApiErrorBody.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

const detail = [
  {
    type: 'less_than_equal',
    loc: ['body', 'timeout_hours'],
    msg: 'Input should be less than or equal to 168',
    input: 200,
    ctx: { le: 168 },
  },
]

// Every shape of WIRE.md "Errors and limits", with the member codec that should take it.
const shapes = [
  {
    name: 'the documented body',
    codec: MistralErrorBody,
    body: {
      object: 'error',
      message: 'Job not found',
      type: 'not_found',
      param: null,
      code: '3000',
    },
  },
  {
    name: 'the 429 body',
    codec: MistralErrorBody,
    body: {
      object: 'error',
      message: 'Rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: '1300',
    },
  },
  {
    name: 'a gateway message with request id',
    codec: MessageErrorBody,
    body: { message: 'Unauthorized', request_id: '7f1c0c6e9d3a4b2f' },
  },
  { name: 'a string detail', codec: DetailErrorBody, body: { detail: 'Unauthorized' } },
  { name: 'a 422 detail list', codec: ValidationErrorBody, body: { detail } },
  {
    name: 'a wrapped 422',
    codec: WrappedValidationErrorBody,
    body: {
      object: 'error',
      message: { detail },
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  },
]

describe('ApiErrorBody', () => {
  it.each(shapes)('decodes $name unchanged, matching its own member shape', ({ codec, body }) => {
    expect(decodeRight(ApiErrorBody, body)).toEqual(body)
    expect(codec.is(decodeRight(ApiErrorBody, body))).toBe(true)
  })

  it('tells the documented body from the wrapped 422 by the type of message', () => {
    const wrapped = shapes[5]?.body
    expect(MistralErrorBody.is(decodeRight(ApiErrorBody, wrapped))).toBe(false)
  })

  it('accepts a numeric code and keeps extra keys', () => {
    const body = { object: 'error', message: 'x', type: 't', code: 1300, trace: 'abc' }
    expect(decodeRight(ApiErrorBody, body)).toEqual(body)
  })

  it('reports a body of no known shape, path by path', () => {
    const error = decodeLeft(ApiErrorBody, { detail: 42 })
    expect(error.message).toContain('Response did not match ApiErrorBody: ')
    expect(error.paths).toContain('detail: expected string, got 42')
    expect(error.paths).toContain('message: expected string, got undefined')
  })

  it('reports a bad item of a 422 detail list by its path', () => {
    const error = decodeLeft(ValidationErrorBody, {
      detail: [{ loc: ['body'], msg: 1, type: 'x' }],
    })
    expect(error.paths).toEqual(['detail.0.msg: expected string, got 1'])
  })
})
