// The fake chat and FIM completions: choices, stop reasons, usage arithmetic, JSON answers.
import { answer, NOW_SECONDS } from './behaviourHelpers.js'

type Choice = { index: number; finish_reason: string; message: { role: string; content: string } }
type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

const ask = (content: string, extra: Record<string, unknown> = {}) =>
  answer('/v1/chat/completions', { messages: [{ role: 'user', content }], ...extra })

describe('fake chat completions', () => {
  it('answers with one assistant choice, a 32-hex id, the clock and the shape of real lines', () => {
    const body = ask('Hello')
    expect(Object.keys(body)).toEqual(['id', 'object', 'model', 'usage', 'created', 'choices'])
    expect(body.id).toMatch(/^[0-9a-f]{32}$/)
    expect(body.object).toBe('chat.completion')
    expect(body.created).toBe(NOW_SECONDS)
    const choices = body.choices as Choice[]
    expect(choices).toHaveLength(1)
    expect(choices[0]).toMatchObject({ index: 0, finish_reason: 'stop' })
    expect(choices[0]?.message).toEqual({
      role: 'assistant',
      content: expect.stringMatching(/^[A-Z].*\.$/),
      tool_calls: null,
    })
  })

  it('keeps total_tokens = prompt_tokens + completion_tokens, and counts longer prompts higher', () => {
    const short = ask('Hi').usage as Usage
    const long = ask('Hi '.repeat(400)).usage as Usage
    for (const usage of [short, long]) {
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
      expect(usage.completion_tokens).toBeGreaterThan(0)
    }
    expect(long.prompt_tokens).toBeGreaterThan(short.prompt_tokens + 200)
  })

  it('gives n different choices whose tokens add up in usage', () => {
    const body = ask('Three please', { n: 3 })
    const choices = body.choices as Choice[]
    expect(choices.map((choice) => choice.index)).toEqual([0, 1, 2])
    expect(new Set(choices.map((choice) => choice.message.content)).size).toBe(3)
    const usage = body.usage as Usage
    const words = choices.reduce((sum, choice) => sum + choice.message.content.split(' ').length, 0)
    expect(usage.completion_tokens).toBe(words)
  })

  it('stops at max_tokens with finish_reason length', () => {
    const body = ask('Hello', { max_tokens: 3 })
    const [choice] = body.choices as Choice[]
    expect(choice?.finish_reason).toBe('length')
    expect(choice?.message.content.split(' ')).toHaveLength(3)
    expect((body.usage as Usage).completion_tokens).toBe(3)
    const empty = ask('Hello', { max_tokens: 0 })
    expect((empty.choices as Choice[])[0]?.message.content).toBe('')
  })

  it('answers valid JSON when response_format asks for it', () => {
    for (const type of ['json_object', 'json_schema']) {
      const body = ask('Give JSON', { response_format: { type } })
      const content = (body.choices as Choice[])[0]?.message.content ?? ''
      expect(JSON.parse(content)).toEqual({ answer: expect.any(String) })
    }
  })
})

describe('fake FIM completions', () => {
  it('answers code lines in a chat-completion body, with consistent usage', () => {
    const body = answer('/v1/fim/completions', { prompt: 'def f(x):', suffix: 'return y' })
    expect(body.object).toBe('chat.completion')
    expect(body.model).toBe('codestral-latest')
    const [choice] = body.choices as Choice[]
    expect(choice?.message.content).toMatch(/^ {2}\w+ = \w+ \+ \d+/)
    const usage = body.usage as Usage
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
  })

  it('stops at max_tokens with finish_reason length', () => {
    const body = answer('/v1/fim/completions', { prompt: 'x', max_tokens: 2 })
    expect((body.choices as Choice[])[0]?.finish_reason).toBe('length')
    expect((body.usage as Usage).completion_tokens).toBe(2)
  })
})
