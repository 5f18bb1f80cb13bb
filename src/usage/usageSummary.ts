// Usage totals and, with prices, what they cost at the batch rate.
import type { Pricing } from './usageOptions.js'
import type { UsageCounts, UsageTotals } from './usageTally.js'

/** What the counted usage costs at the batch rate, in the unit of the prices given. */
export interface CostEstimate {
  /** The cost of every priced model together. */
  readonly total: number
  /** The cost of each priced model. */
  readonly byModel: Readonly<Record<string, number>>
  /** The models counted that had no price: they are in no cost (empty when every one had one). */
  readonly unpriced: ReadonlyArray<string>
  /** The share taken off the live prices (`batchDiscount`). */
  readonly batchDiscount: number
}

/** Usage totals of result lines, and their estimated cost when prices were given. */
export interface UsageSummary {
  /** Tokens (and OCR pages) of the succeeded lines, in all and by model. */
  readonly usage: UsageTotals
  /** The cost of `usage` at the batch rate; absent without a `price` option. */
  readonly estimatedCost?: CostEstimate
}

const MILLION = 1_000_000

/** The cost of `counts` at `price` less `discount`, or undefined for a model without a price. */
const costOf = (counts: UsageCounts, pricing: Pricing, model: string): number | undefined => {
  const price = pricing.priceOf(model)
  if (price === undefined) return undefined
  const live =
    (counts.prompt_tokens * price.inputPerMTok + counts.completion_tokens * price.outputPerMTok) /
      MILLION +
    (counts.pages_processed * (price.perThousandPages ?? 0)) / 1000
  return live * (1 - pricing.batchDiscount)
}

/** The cost of `usage` model by model, at the batch rate of `pricing`. */
export const estimateCost = (usage: UsageTotals, pricing: Pricing): CostEstimate => {
  const byModel: Array<[string, number]> = []
  const unpriced: string[] = []
  let total = 0
  for (const [model, counts] of Object.entries(usage.byModel)) {
    const cost = costOf(counts, pricing, model)
    if (cost === undefined) {
      unpriced.push(model)
    } else {
      byModel.push([model, cost])
      total += cost
    }
  }
  return {
    total,
    byModel: Object.fromEntries(byModel),
    unpriced,
    batchDiscount: pricing.batchDiscount,
  }
}

/** `usage` with its cost when `pricing` is given. */
export const usageSummary = (usage: UsageTotals, pricing: Pricing | undefined): UsageSummary =>
  pricing === undefined ? { usage } : { usage, estimatedCost: estimateCost(usage, pricing) }
