// Shows job progress: a live cli-progress bar on a terminal, one plain line per change elsewhere.
import { MultiBar, type Params, type SingleBar } from 'cli-progress'
import { writeLines, type CliOutput } from '../CliIo.js'
import {
  ProgressRate,
  sameProgress,
  type ProgressReading,
  type ProgressSnapshot,
} from './progressStats.js'
import { formatProgressBar, formatProgressLine } from './progressText.js'

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

/**
 * A progress view on `out`: a bar (done/total, succeeded, failed, rate, ETA, status) when `out`
 * is a terminal, else one plain line per change.
 */
export const createProgressView = (out: CliOutput, now: () => number = Date.now): ProgressView =>
  out.isTTY === true ? barView(out, new ProgressRate(now)) : lineView(out, new ProgressRate(now))
