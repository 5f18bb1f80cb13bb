// The line of the live progress bar, fitted to the terminal: the bar shrinks, the facts stay.
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
  reading.total === 0 ? 0 : Math.min(1, reading.completed / reading.total)

const factsOf = (reading: ProgressReading): string[] => {
  const timeLeft =
    reading.etaSeconds === undefined || reading.completed >= reading.total
      ? '-'
      : formatDuration(reading.etaSeconds)
  return [
    `${Math.floor(fractionDone(reading) * 100)}%`,
    `${reading.completed}/${reading.total}`,
    `ok ${reading.succeeded}`,
    `failed ${reading.failed}`,
    formatRate(reading.ratePerSecond),
    `ETA ${timeLeft}`,
    reading.status,
  ]
}

const barOf = (reading: ProgressReading, width: number): string => {
  const done = Math.round(fractionDone(reading) * width)
  return `${DONE.repeat(done)}${LEFT.repeat(width - done)}`
}

/**
 * `████░░ 40% | 40/100 | ok 40 | failed 0 | 10.0/s | ETA 6s | RUNNING`, at most `columns - 1`
 * wide (the last column would wrap on some terminals). Short of room, the bar narrows, then the
 * separators go, then the bar: done/total, the counters, rate, ETA and status are always shown.
 */
export const formatProgressBar = (reading: ProgressReading, columns: number): string => {
  const room = columns - 1
  const facts = factsOf(reading)
  const spaced = facts.join(' | ')
  const text = spaced.length + 1 + MIN_BAR <= room ? spaced : facts.join(' ')
  const width = Math.min(FULL_BAR, room - text.length - 1)
  return width < MIN_BAR ? text : `${barOf(reading, width)} ${text}`
}
