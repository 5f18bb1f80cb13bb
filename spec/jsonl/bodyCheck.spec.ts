// The body check: which endpoints it checks, and how it names a request and its failing paths.
import { bodyCheck, bodyCodecFor, checkRequestBody } from '../../src/jsonl/bodyCheck.js'
import { REQUEST_BODY_CODECS } from '../../src/codecs/requests/requestBodies.js'

const chat = bodyCheck('/v1/chat/completions', undefined)!
const badRole = { messages: [{ role: 'robot', content: 'Hi' }] }
const SUFFIX = '(checked as a ChatCompletionRequest, the body of /v1/chat/completions)'

describe('bodyCheck', () => {
  it('checks the bodies of a known endpoint, unless validateBodies is false', () => {
    expect(bodyCodecFor('/v1/embeddings', true)).toBe(REQUEST_BODY_CODECS['/v1/embeddings'])
    expect(bodyCodecFor('/v1/embeddings', undefined)).toBe(REQUEST_BODY_CODECS['/v1/embeddings'])
    expect(bodyCheck('/v1/embeddings', false)).toBeUndefined()
    expect(bodyCheck('/v1/not-yet-known', true)).toBeUndefined()
  })

  it('passes a body that fits', () => {
    expect(chat({ messages: [{ role: 'user', content: 'Hi' }] }, 0, undefined)).toBeUndefined()
  })

  it('names the request by index and own custom_id, and the field by its full path', () => {
    const error = chat(badRole, 3, 'a-3')
    expect(error?._tag).toBe('InvalidRequestError')
    expect(error?.message).toBe(
      'requests[3] (custom_id "a-3"): body.messages[0].role: expected one of system, user, ' +
        `assistant, tool, got "robot" ${SUFFIX}`,
    )
    expect(error?.field).toBe('requests[3].body.messages[0].role')
  })

  it('names a request without a custom_id by its index, and cuts a long custom_id', () => {
    expect(chat(badRole, 0, undefined)?.message).toMatch(/^requests\[0\]: body\.messages\[0\]/)
    expect(chat(badRole, 1, 'x'.repeat(100))?.message).toMatch(
      new RegExp(`^requests\\[1\\] \\(custom_id "${'x'.repeat(64)}\\.\\.\\."\\): body`),
    )
  })

  it('lists at most five failing paths, and counts the rest', () => {
    const messages = Array.from({ length: 8 }, () => ({ role: 'robot' }))
    const error = chat({ messages }, 0, undefined)
    expect(error?.message.match(/got "robot"/g)).toHaveLength(5)
    expect(error?.message).toMatch(/got "robot"; and 3 more \(checked as/)
    expect(error?.field).toBe('requests[0].body.messages[0].role')
  })
})

describe('checkRequestBody', () => {
  it('checks one body for an endpoint, naming it with the where and field given', () => {
    expect(checkRequestBody('/v1/chat/completions', { messages: [] })).toBeUndefined()
    const error = checkRequestBody('/v1/chat/completions', badRole, {
      where: 'enqueue: items[2]',
      field: 'items[2]',
    })
    expect(error?.message).toBe(
      'enqueue: items[2]: body.messages[0].role: expected one of system, user, assistant, ' +
        `tool, got "robot" ${SUFFIX}`,
    )
    expect(error?.field).toBe('items[2].body.messages[0].role')
    expect(checkRequestBody('/v1/chat/completions', badRole)?.message).toMatch(
      /^request: body\.messages/,
    )
  })

  it('checks nothing for an endpoint this client does not know', () => {
    expect(checkRequestBody('/v1/somewhere/new', { anything: true })).toBeUndefined()
  })
})
