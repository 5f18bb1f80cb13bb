import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BatchResult } from '../../src/codecs/BatchResult.js'
import { ChatCompletionResponse } from '../../src/codecs/endpoints/chat.js'
import { isFailedResult } from '../../src/codecs/isFailedResult.js'
import { decodeLeft, decodeRight } from './decodeResult.js'

// Real output lines of a Mistral chat batch (copied from ../shared/api/examples).
const realLines = readFileSync(join(__dirname, '../fixtures/chat-output.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line): unknown => JSON.parse(line))

describe('BatchResult', () => {
  it('decodes every real output line, keeping custom_id and the body', () => {
    expect(realLines.length).toBe(3)
    const results = realLines.map((line) => decodeRight(BatchResult, line))
    expect(results.map((r) => r.custom_id)).toEqual(['0', '1', '2'])
    expect(results.map((r) => r.response?.status_code)).toEqual([200, 200, 200])
    expect(results.map((r) => r.error)).toEqual([null, null, null])
    expect(results[0]).toEqual(realLines[0])
  })

  it('decodes each real body as a ChatCompletionResponse', () => {
    for (const result of realLines.map((line) => decodeRight(BatchResult, line))) {
      const body = decodeRight(ChatCompletionResponse, result.response?.body)
      expect(body.object).toBe('chat.completion')
      expect(body.choices[0]?.message?.role).toBe('assistant')
      expect(body.choices[0]?.message?.tool_calls).toBeNull()
      expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens)
    }
  })

  it('decodes an error line carried by a 4xx response', () => {
    const line = {
      id: 'batch-cd0da3ab-4-1e2f',
      custom_id: '3',
      response: { status_code: 400, body: { object: 'error', message: 'messages is required' } },
      error: null,
    }
    const decoded = decodeRight(BatchResult, line)
    expect(decoded).toEqual(line)
    expect(isFailedResult(decoded)).toBe(true)
  })

  it('decodes an error line carried by `error`, as an object or a string, with no response', () => {
    const asObject = { custom_id: '4', response: null, error: { message: 'timeout', code: 'x' } }
    const asString = { custom_id: '5', error: 'Internal error' }
    expect(decodeRight(BatchResult, asObject)).toEqual(asObject)
    expect(decodeRight(BatchResult, asString)).toEqual(asString)
    expect(isFailedResult(decodeRight(BatchResult, asString))).toBe(true)
  })

  it('keeps a null custom_id and extra keys', () => {
    const line = { custom_id: null, response: { status_code: 200, body: {} }, shard: 7 }
    const decoded = decodeRight(BatchResult, line)
    expect(decoded).toEqual(line)
    expect(isFailedResult(decoded)).toBe(false)
  })

  it('reports a wrong status_code by its path', () => {
    const error = decodeLeft(BatchResult, {
      custom_id: '0',
      response: { status_code: '200', body: {} },
    })
    expect(error.message).toBe(
      'Response did not match BatchResult: response.status_code: expected number, got "200"',
    )
  })

  it('reports a missing custom_id and a wrong error type', () => {
    const error = decodeLeft(BatchResult, { response: null, error: 42 })
    expect(error.paths).toEqual([
      'custom_id: expected (string | null), got undefined',
      'error: expected (UnknownRecord | string | null), got 42',
    ])
  })
})
