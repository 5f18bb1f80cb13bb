// The token and cost lines of the CLI's summaries.
import { formatCost, formatUsage } from '../../src/render/usageSummary'

const counts = (requests: number, prompt: number, completion: number) => ({
  requests,
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  pages_processed: 0,
})

describe('formatUsage', () => {
  it('prints nothing when no result succeeded', () => {
    expect(formatUsage({ usage: { total: counts(0, 0, 0), byModel: {} } })).toEqual([])
  })

  it('prints one line for one model, and the cost of each priced model when several are', () => {
    const one = { total: counts(3, 30, 12), byModel: { small: counts(3, 30, 12) } }
    expect(formatUsage({ usage: one })).toEqual([
      'Usage: 30 prompt + 12 completion = 42 tokens (3 requests)',
    ])
    const two = {
      total: counts(4, 2_000_000, 1_000_000),
      byModel: { small: counts(3, 1_000_000, 500_000), large: counts(1, 1_000_000, 500_000) },
    }
    expect(
      formatUsage({
        usage: two,
        estimatedCost: {
          total: 12.345,
          byModel: { small: 0.25, large: 12.095 },
          unpriced: [],
          batchDiscount: 0.25,
        },
      }).slice(3),
    ).toEqual([
      'Estimated cost: 12.35 at the batch rate (25% off the prices given, in their unit)',
      '  small: 0.25',
      '  large: 12.10',
    ])
  })
})

describe('formatCost', () => {
  it('keeps cents from 1 up and three significant digits below', () => {
    expect([1234.5, 1, 0.5, 0.000123456, 0].map(formatCost)).toEqual([
      '1,234.50',
      '1.00',
      '0.5',
      '0.000123',
      '0',
    ])
  })
})
