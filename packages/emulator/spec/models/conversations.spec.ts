// The fake conversations: one assistant message entry and consistent usage.
import { answer, NOW_SECONDS } from './behaviourHelpers.js'

type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number }

describe('fake conversations', () => {
  it('answers one message.output entry, timed by the clock', () => {
    const body = answer('/v1/conversations', { inputs: 'Hello', agent_id: 'ag_1' })
    expect(body.object).toBe('conversation.response')
    expect(body.conversation_id).toMatch(/^conv_[0-9a-f]{32}$/)
    const time = new Date(NOW_SECONDS * 1000).toISOString()
    expect(body.outputs).toEqual([
      {
        object: 'entry',
        type: 'message.output',
        created_at: time,
        completed_at: time,
        agent_id: 'ag_1',
        model: 'mistral-medium-latest',
        id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
        role: 'assistant',
        content: expect.stringMatching(/\.$/),
      },
    ])
    const usage = body.usage as Usage
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
  })

  it('counts the text of input entries and instructions as prompt', () => {
    const promptOf = (body: Record<string, unknown>) =>
      (answer('/v1/conversations', body).usage as Usage).prompt_tokens
    const short = promptOf({ inputs: [{ role: 'user', content: 'Hi' }] })
    const long = promptOf({ inputs: [{ role: 'user', content: 'Hi '.repeat(100) }] })
    const instructed = promptOf({ inputs: 'Hi', instructions: 'Be brief. '.repeat(40) })
    expect(long).toBeGreaterThan(short + 50)
    expect(instructed).toBeGreaterThan(short + 50)
  })
})
