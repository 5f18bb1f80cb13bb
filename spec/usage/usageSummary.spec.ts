// The cost of usage totals: per model at the batch rate, unpriced models named, pages priced.
import { estimateCost, usageSummary } from '../../src/usage/usageSummary'
import type { ModelPrice, Pricing } from '../../src/usage/usageOptions'
import type { UsageCounts, UsageTotals } from '../../src/usage/usageTally'

const counts = (prompt: number, completion: number, pages = 0): UsageCounts => ({
  requests: 1,
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  pages_processed: pages,
})

const usage: UsageTotals = {
  total: counts(3_000_000, 1_000_000, 500),
  byModel: {
    small: counts(2_000_000, 1_000_000),
    ocr: counts(0, 0, 500),
    unlisted: counts(1_000_000, 0),
  },
}

const PRICES: Record<string, ModelPrice> = {
  small: { inputPerMTok: 0.2, outputPerMTok: 0.6 },
  ocr: { inputPerMTok: 0, outputPerMTok: 0, perThousandPages: 2 },
}
const pricing = (batchDiscount: number): Pricing => ({
  priceOf: (model) => PRICES[model],
  batchDiscount,
})

describe('estimateCost', () => {
  it('prices tokens per million and pages per thousand, less the batch discount', () => {
    const live = { small: 2 * 0.2 + 1 * 0.6, ocr: (500 / 1000) * 2 }
    const cost = estimateCost(usage, pricing(0.5))
    expect(cost.byModel.small).toBeCloseTo(live.small / 2, 12)
    expect(cost.byModel.ocr).toBeCloseTo(live.ocr / 2, 12)
    expect(cost.total).toBeCloseTo((live.small + live.ocr) / 2, 12)
    expect(cost.unpriced).toEqual(['unlisted'])
    expect(cost.batchDiscount).toBe(0.5)
    expect(estimateCost(usage, pricing(0)).total).toBeCloseTo(live.small + live.ocr, 12)
    expect(estimateCost(usage, pricing(1)).total).toBe(0)
  })
})

describe('usageSummary', () => {
  it('has an estimatedCost only with a pricing', () => {
    expect(usageSummary(usage, undefined)).toEqual({ usage })
    expect(usageSummary(usage, pricing(0.5)).estimatedCost?.unpriced).toEqual(['unlisted'])
  })
})
