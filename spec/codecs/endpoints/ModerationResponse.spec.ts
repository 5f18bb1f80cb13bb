import { ModerationResponse } from '../../../src/codecs/endpoints/moderations.js'
import { decodeLeft, decodeRight } from '../decodeResult.js'

const moderation = {
  id: 'mod-e5cc70bb28c444948073e77776eb30ef',
  model: 'mistral-moderation-latest',
  results: [
    {
      categories: { sexual: false, hate_and_discrimination: false, violence_and_threats: true },
      category_scores: { sexual: 0.001, hate_and_discrimination: 0.02, violence_and_threats: 0.91 },
    },
  ],
}

describe('ModerationResponse', () => {
  it('decodes a moderation result', () => {
    expect(decodeRight(ModerationResponse, moderation)).toEqual(moderation)
  })

  it('reports a score that is not a number by its category', () => {
    const error = decodeLeft(ModerationResponse, {
      ...moderation,
      results: [{ category_scores: { violence_and_threats: 'high' } }],
    })
    expect(error.paths).toEqual([
      'results.0.category_scores.violence_and_threats: expected number, got "high"',
    ])
  })
})
