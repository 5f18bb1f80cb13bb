// The fake moderations: nine categories per text or conversation, flagged by trigger words.
import { answer } from './behaviourHelpers.js'

type Moderation = { categories: Record<string, boolean>; category_scores: Record<string, number> }

const CATEGORIES = [
  'sexual',
  'hate_and_discrimination',
  'violence_and_threats',
  'dangerous_and_criminal_content',
  'selfharm',
  'health',
  'financial',
  'law',
  'pii',
]

describe('fake moderations', () => {
  it('gives one result per text with every category scored low and unflagged', () => {
    const body = answer('/v1/moderations', { input: ['Hello', 'Nice weather today'] })
    expect(body.id).toMatch(/^mod-[0-9a-f]{32}$/)
    expect(body.model).toBe('mistral-moderation-latest')
    const results = body.results as Moderation[]
    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(Object.keys(result.categories)).toEqual(CATEGORIES)
      expect(Object.entries(result.categories).filter(([, flag]) => flag !== false)).toEqual([])
      expect(Object.entries(result.category_scores).filter(([, score]) => score >= 0.1)).toEqual([])
    }
  })

  it('flags the category of a trigger word, and only that one', () => {
    const [result] = answer('/v1/moderations', { input: 'They threatened violence' })
      .results as Moderation[]
    const flagged = Object.entries(result?.categories ?? {}).filter(([, flag]) => flag)
    expect(flagged).toEqual([['violence_and_threats', true]])
    expect(result?.category_scores.violence_and_threats).toBeGreaterThan(0.9)
  })

  it('gives one result for a conversation, and one per conversation for a list of them', () => {
    const conversation = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
    ]
    const one = answer('/v1/chat/moderations', { input: conversation })
    expect(one.results).toHaveLength(1)
    const three = answer('/v1/chat/moderations', {
      input: [conversation, conversation, conversation],
    })
    expect(three.results).toHaveLength(3)
  })

  it('moderates the text of the messages', () => {
    const [result] = answer('/v1/chat/moderations', {
      input: [{ role: 'user', content: [{ type: 'text', text: 'my passport number' }] }],
    }).results as Moderation[]
    expect(result?.categories.pii).toBe(true)
  })
})
