// Job progress, rate and ETA over wall time: a live cli-progress bar fitted to the terminal's width
// (the bar shrinks, the facts stay), else one plain line per change.
import { MultiBar, type Params, type SingleBar } from 'cli-progress'
import { writeLines, type CliOutput } from '../CliIo.js'
import type { JobCounters } from 'mistral-batch-rx'
import { formatDuration, formatRate } from './formatUnits.js'

/** A job's counters (or several jobs' added up) at one moment, with its status (or theirs). */
export interface ProgressSnapshot extends JobCounters {
  readonly status: string
}

/** A snapshot with its throughput and the time it should take to finish, when measurable. */
export interface ProgressReading extends ProgressSnapshot {
  /** Requests processed per second since the job was first seen running. */
  readonly ratePerSecond: number | undefined
  readonly etaSeconds: number | undefined
}

/** Whether two snapshots show the same status and counters. */
export const sameProgress = (a: ProgressSnapshot, b: ProgressSnapshot): boolean =>
  a.status === b.status &&
  a.total_requests === b.total_requests &&
  a.completed_requests === b.completed_requests &&
  a.succeeded_requests === b.succeeded_requests &&
  a.failed_requests === b.failed_requests

/** Throughput from successive snapshots, counted from the first seen running (or with progress),
 * so time spent queued does not drag it down. */
export class ProgressRate {
  #origin: { readonly at: number; readonly completed: number } | undefined

  constructor(private readonly now: () => number = Date.now) {}

  read(snapshot: ProgressSnapshot): ProgressReading {
    const at = this.now()
    const { status, total_requests: total, completed_requests: completed } = snapshot
    if (this.#origin === undefined && (status === 'RUNNING' || completed > 0)) {
      this.#origin = { at, completed }
    }
    const origin = this.#origin
    const seconds = origin === undefined ? 0 : (at - origin.at) / 1000
    const done = origin === undefined ? 0 : completed - origin.completed
    const ratePerSecond = seconds > 0 && done > 0 ? done / seconds : undefined
    const etaSeconds =
      ratePerSecond === undefined || total === 0
        ? undefined
        : Math.max(0, total - completed) / ratePerSecond
    return { ...snapshot, ratePerSecond, etaSeconds }
  }
}

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

/** `████░░ 40% | 40/100 | ok 40 | failed 0 | 10.0/s | ETA 6s | RUNNING`, at most `columns - 1` wide
 * (the last column wraps on some terminals); short of room the bar narrows, the separators go, then
 * the bar: the facts always stay. */
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

/** Where progress goes while a job runs. */
export interface ProgressView {
  /** Shows a new snapshot (ignored when nothing changed, in plain mode). */
  update(snapshot: ProgressSnapshot): void
  /** Prints a message without breaking the bar. */
  note(line: string): void
  /** Leaves the last state on screen and releases the terminal. */
  stop(): void
}

/** A live bar redrawn from each snapshot, with the notes printed above it. */
const barView = (out: CliOutput, rate: ProgressRate): ProgressView => {
  const bars = new MultiBar({
    stream: out as NodeJS.WritableStream,
    // cli-progress passes the terminal's width at each frame, so a resized terminal is followed.
    format: (_options: unknown, params: Params, payload: { reading: ProgressReading }) =>
      formatProgressBar(payload.reading, params.maxWidth),
    hideCursor: true,
    clearOnComplete: false,
    fps: 8,
  })
  let bar: SingleBar | undefined
  let stopped = false
  return {
    update(snapshot) {
      if (stopped) return
      const reading = rate.read(snapshot)
      if (bar === undefined) {
        bar = bars.create(reading.total_requests, reading.completed_requests, { reading })
        return
      }
      bar.setTotal(reading.total_requests)
      bar.update(reading.completed_requests, { reading })
    },
    note(line) {
      if (stopped) return
      bars.log(`${line}\n`)
      // MultiBar prints logged lines on its next redraw; force one so notes are not held back.
      bars.update()
    },
    stop() {
      if (!stopped) bars.stop()
      stopped = true
    },
  }
}

/** One plain line per change of the snapshot, and the notes as they come. */
const lineView = (out: CliOutput, rate: ProgressRate): ProgressView => {
  let last: ProgressSnapshot | undefined
  return {
    update(snapshot) {
      const reading = rate.read(snapshot)
      if (last !== undefined && sameProgress(last, snapshot)) return
      last = snapshot
      writeLines(out, formatProgressLine(reading))
    },
    note: (line) => writeLines(out, line),
    stop: () => undefined,
  }
}

/** A progress view on `out`: a live bar when it is a terminal, else one plain line per change. */
export const createProgressView = (out: CliOutput, now: () => number = Date.now): ProgressView =>
  out.isTTY === true ? barView(out, new ProgressRate(now)) : lineView(out, new ProgressRate(now))
