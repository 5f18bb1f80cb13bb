// The fake classifications: a `sentiment` target whose label scores sum to one, per text or chat.
import { answer } from './behaviourHelpers.js'

type Classification = Record<string, { scores: Record<string, number> }>

const sumOf = (scores: Record<string, number> | undefined) =>
  Object.values(scores ?? {}).reduce((sum, score) => sum + score, 0)

describe('fake classifications', () => {
  it('gives one result per text, each a distribution over three labels', () => {
    const body = answer('/v1/classifications', { input: ['good', 'bad'] })
    expect(body.id).toMatch(/^mod-[0-9a-f]{32}$/)
    const results = body.results as Classification[]
    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(Object.keys(result.sentiment?.scores ?? {})).toEqual([
        'negative',
        'neutral',
        'positive',
      ])
      expect(sumOf(result.sentiment?.scores)).toBeCloseTo(1, 5)
    }
    expect(results[0]).not.toEqual(results[1])
  })

  it('classifies one chat or a list of chats', () => {
    const chat = { messages: [{ role: 'user', content: 'Lovely' }] }
    expect(answer('/v1/chat/classifications', { input: chat }).results).toHaveLength(1)
    expect(answer('/v1/chat/classifications', { input: [chat, chat] }).results).toHaveLength(2)
  })
})
