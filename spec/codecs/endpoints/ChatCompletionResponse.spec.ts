import { ChatCompletionResponse } from '../../../src/codecs/endpoints/chat.js'
import { decodeLeft, decodeRight } from '../decodeResult.js'

const completion = {
  id: 'cmpl-e5cc70bb28c444948073e77776eb30ef',
  object: 'chat.completion',
  model: 'mistral-small-latest',
  usage: { prompt_tokens: 16, completion_tokens: 34, total_tokens: 50 },
  created: 1702256327,
  choices: [
    {
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: [{ type: 'text', text: 'Let me look.' }],
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            index: 0,
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
        prefix: false,
      },
    },
  ],
}

describe('ChatCompletionResponse', () => {
  it('decodes a completion with tool calls and content chunks', () => {
    expect(decodeRight(ChatCompletionResponse, completion)).toEqual(completion)
  })

  it('does not require the `data` key the spec lists by mistake', () => {
    expect('data' in completion).toBe(false)
    expect(decodeRight(ChatCompletionResponse, completion).id).toBe(completion.id)
  })

  it('decodes an unknown finish reason and a multi-message choice', () => {
    const choice = {
      index: 0,
      finish_reason: 'content_filter',
      messages: [{ role: 'assistant', content: null, index: 0, metadata: null }],
    }
    const decoded = decodeRight(ChatCompletionResponse, { ...completion, choices: [choice] })
    expect(decoded.choices[0]).toEqual(choice)
  })

  it('reports a bad usage count and a bad tool call by path', () => {
    const error = decodeLeft(ChatCompletionResponse, {
      ...completion,
      usage: { prompt_tokens: 16, completion_tokens: '34', total_tokens: 50 },
      choices: [{ index: 0, finish_reason: 'stop', message: { tool_calls: [{ id: 'x' }] } }],
    })
    expect(error.paths).toEqual([
      'usage.completion_tokens: expected number, got "34"',
      'choices.0.message.tool_calls.0.function: expected FunctionCall, got undefined',
    ])
  })
})
