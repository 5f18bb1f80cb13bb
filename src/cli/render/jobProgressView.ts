// Shows job progress: a live cli-progress bar on a terminal, one plain line per change elsewhere.
import { MultiBar, type Params, type SingleBar } from 'cli-progress'
import { type CliOutput, writeLine } from '../CliIo.js'
import { formatProgressBar } from './progressBar.js'
import { formatProgressLine } from './progressLine.js'
import {
  ProgressRate,
  sameProgress,
  type ProgressReading,
  type ProgressSnapshot,
} from './progressStats.js'

/** Where progress goes while a job runs. */
export interface ProgressView {
  /** Shows a new snapshot (ignored when nothing changed, in plain mode). */
  update(snapshot: ProgressSnapshot): void
  /** Prints a message without breaking the bar. */
  note(line: string): void
  /** Leaves the last state on screen and releases the terminal. */
  stop(): void
}

/** What each frame of the bar is drawn from. */
interface BarPayload {
  readonly reading: ProgressReading
}

// cli-progress passes the terminal's width at each frame, so a resized terminal is followed.
const drawFrame = (_options: unknown, params: Params, payload: BarPayload): string =>
  formatProgressBar(payload.reading, params.maxWidth)

class BarView implements ProgressView {
  readonly #bars: MultiBar
  #bar: SingleBar | undefined
  #stopped = false

  constructor(
    out: CliOutput,
    private readonly rate: ProgressRate,
  ) {
    this.#bars = new MultiBar({
      stream: out as NodeJS.WritableStream,
      format: drawFrame,
      hideCursor: true,
      clearOnComplete: false,
      fps: 8,
    })
  }

  update(snapshot: ProgressSnapshot): void {
    if (this.#stopped) return
    const reading = this.rate.read(snapshot)
    const payload: BarPayload = { reading }
    if (this.#bar === undefined) {
      this.#bar = this.#bars.create(reading.total, reading.completed, payload)
    } else {
      this.#bar.setTotal(reading.total)
      this.#bar.update(reading.completed, payload)
    }
  }

  note(line: string): void {
    if (this.#stopped) return
    this.#bars.log(`${line}\n`)
    // MultiBar prints logged lines on its next redraw; force one so notes are not held back.
    this.#bars.update()
  }

  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    this.#bars.stop()
  }
}

class LineView implements ProgressView {
  #last: ProgressSnapshot | undefined

  constructor(
    private readonly out: CliOutput,
    private readonly rate: ProgressRate,
  ) {}

  update(snapshot: ProgressSnapshot): void {
    const reading = this.rate.read(snapshot)
    if (this.#last !== undefined && sameProgress(this.#last, snapshot)) return
    this.#last = snapshot
    writeLine(this.out, formatProgressLine(reading))
  }

  note(line: string): void {
    writeLine(this.out, line)
  }

  stop(): void {
    this.#last = undefined
  }
}

/**
 * A progress view on `out`: a bar (done/total, succeeded, failed, rate, ETA, status) when `out`
 * is a terminal, else one plain line per change.
 */
export const createProgressView = (out: CliOutput, now: () => number = Date.now): ProgressView =>
  out.isTTY === true
    ? new BarView(out, new ProgressRate(now))
    : new LineView(out, new ProgressRate(now))
