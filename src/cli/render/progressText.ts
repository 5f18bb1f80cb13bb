// Progress as text: the line of the live bar, fitted to the terminal (the bar shrinks, the facts
// stay), and the plain line for logs and terminals without a bar.
import { formatDuration, formatRate } from './formatUnits.js'
import type { ProgressReading } from './progressStats.js'

/** The bar's width when the terminal has room. */
const FULL_BAR = 24
/** Narrower than this, a bar says nothing and is left out. */
const MIN_BAR = 5
/** cli-progress's shades_classic characters. */
const DONE = '\u2588'
const LEFT = '\u2591'

const fractionDone = (reading: ProgressReading): number =>
  reading.total_requests === 0
    ? 0
    : Math.min(1, reading.completed_requests / reading.total_requests)

const percentDone = (reading: ProgressReading): string =>
  `${Math.floor(fractionDone(reading) * 100)}%`

/** The time left, while there is some and the rate is known. */
const eta = (reading: ProgressReading): string | undefined =>
  reading.etaSeconds === undefined || reading.completed_requests >= reading.total_requests
    ? undefined
    : `ETA ${formatDuration(reading.etaSeconds)}`

/**
 * `████░░ 40% | 40/100 | ok 40 | failed 0 | 10.0/s | ETA 6s | RUNNING`, at most `columns - 1`
 * wide (the last column would wrap on some terminals). Short of room, the bar narrows, then the
 * separators go, then the bar: done/total, the counters, rate, ETA and status are always shown.
 */
export const formatProgressBar = (reading: ProgressReading, columns: number): string => {
  const room = columns - 1
  const facts = [
    percentDone(reading),
    `${reading.completed_requests}/${reading.total_requests}`,
    `ok ${reading.succeeded_requests}`,
    `failed ${reading.failed_requests}`,
    formatRate(reading.ratePerSecond),
    eta(reading) ?? 'ETA -',
    reading.status,
  ]
  const spaced = facts.join(' | ')
  const text = spaced.length + 1 + MIN_BAR <= room ? spaced : facts.join(' ')
  const width = Math.min(FULL_BAR, room - text.length - 1)
  if (width < MIN_BAR) return text
  const done = Math.round(fractionDone(reading) * width)
  return `${DONE.repeat(done)}${LEFT.repeat(width - done)} ${text}`
}

/** `RUNNING 1200/2000 (60%) succeeded 1195 failed 5 40.1/s ETA 20s`. */
export const formatProgressLine = (reading: ProgressReading): string => {
  const percent = reading.total_requests === 0 ? '' : ` (${percentDone(reading)})`
  return [
    reading.status,
    `${reading.completed_requests}/${reading.total_requests}${percent}`,
    `succeeded ${reading.succeeded_requests}`,
    `failed ${reading.failed_requests}`,
    reading.ratePerSecond === undefined ? undefined : formatRate(reading.ratePerSecond),
    eta(reading),
  ]
    .filter((part) => part !== undefined)
    .join(' ')
}
