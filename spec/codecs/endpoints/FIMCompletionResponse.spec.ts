import { FIMCompletionResponse } from '../../../src/codecs/endpoints/chat.js'
import { decodeLeft, decodeRight } from '../decodeResult.js'

const fim = {
  id: '447e3e0d457e42e98248b5d2ef52a2a3',
  object: 'chat.completion',
  model: 'codestral-latest',
  usage: { prompt_tokens: 8, completion_tokens: 91, total_tokens: 99 },
  created: 1711127900,
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      message: { role: 'assistant', content: '    return a + b\n', tool_calls: null },
    },
  ],
}

describe('FIMCompletionResponse', () => {
  it('decodes a FIM completion', () => {
    expect(decodeRight(FIMCompletionResponse, fim)).toEqual(fim)
  })

  it('reports a missing model under its own name', () => {
    const { model: _dropped, ...noModel } = fim
    expect(decodeLeft(FIMCompletionResponse, noModel).message).toBe(
      'Response did not match FIMCompletionResponse: model: expected string, got undefined',
    )
  })
})
