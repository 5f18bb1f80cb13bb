// The token totals and estimated cost printed at the end of run, resume and results.
import type { UsageCounts, UsageSummary } from 'mistral-batch-rx'
import { plural } from './formatUnits.js'

const count = (n: number): string => n.toLocaleString('en-US')

/** A cost in the unit of the prices given: cents from 1 up, three significant digits below. */
export const formatCost = (cost: number): string =>
  cost >= 1
    ? cost.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : cost.toLocaleString('en-US', { maximumSignificantDigits: 3 })

/** `1,234 prompt + 56 completion = 1,290 tokens (12 requests)`, and the OCR pages if any. */
const usageLine = (counts: UsageCounts): string => {
  const pages = counts.pages_processed > 0 ? `, ${plural(counts.pages_processed, 'page')}` : ''
  return (
    `${count(counts.prompt_tokens)} prompt + ${count(counts.completion_tokens)} completion = ` +
    `${count(counts.total_tokens)} tokens${pages} (${plural(counts.requests, 'request')})`
  )
}

/**
 * The usage of the succeeded results, model by model when there are several, then the cost at the
 * batch rate when prices were given; nothing when no result succeeded.
 */
export const formatUsage = ({ usage, estimatedCost }: UsageSummary): string[] => {
  if (usage.total.requests === 0) return []
  const models = Object.entries(usage.byModel)
  const lines = [`Usage: ${usageLine(usage.total)}`]
  if (models.length > 1)
    lines.push(...models.map(([model, counts]) => `  ${model}: ${usageLine(counts)}`))
  if (estimatedCost === undefined) return lines
  const off = Math.round(estimatedCost.batchDiscount * 100)
  lines.push(
    `Estimated cost: ${formatCost(estimatedCost.total)} at the batch rate ` +
      `(${off}% off the prices given, in their unit)`,
  )
  const priced = Object.entries(estimatedCost.byModel)
  if (priced.length > 1)
    lines.push(...priced.map(([model, cost]) => `  ${model}: ${formatCost(cost)}`))
  if (estimatedCost.unpriced.length > 0) {
    lines.push(`Not priced (no cost counted): ${estimatedCost.unpriced.join(', ')}`)
  }
  return lines
}
