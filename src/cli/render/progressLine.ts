// One plain-text line describing progress, for logs and terminals without a bar.
import { formatDuration, formatRate } from './formatUnits.js'
import type { ProgressReading } from './progressStats.js'

const percent = (done: number, total: number): string =>
  total === 0 ? '' : ` (${Math.floor((done / total) * 100)}%)`

/** `RUNNING 1200/2000 (60%) succeeded 1195 failed 5 40.1/s ETA 20s`. */
export const formatProgressLine = (reading: ProgressReading): string => {
  const parts = [
    reading.status,
    `${reading.completed}/${reading.total}${percent(reading.completed, reading.total)}`,
    `succeeded ${reading.succeeded}`,
    `failed ${reading.failed}`,
  ]
  if (reading.ratePerSecond !== undefined) parts.push(formatRate(reading.ratePerSecond))
  if (reading.etaSeconds !== undefined && reading.completed < reading.total) {
    parts.push(`ETA ${formatDuration(reading.etaSeconds)}`)
  }
  return parts.join(' ')
}
