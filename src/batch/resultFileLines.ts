// The lines of a downloaded file, resumed after a broken transfer without losing or repeating one.
import { Observable, type SchedulerLike, type Subscription } from 'rxjs'
import type { ResolvedRetryOptions } from '../config.js'
import { isHttpError } from '../errors/index.js'
import { isRetryableError } from '../http/retryPolicy.js'
import { retryDelay } from '../http/retryTiming.js'
import { LineSplitter } from '../jsonl/lineSplitter.js'
import { boundedTimer } from '../time/boundedTimer.js'

/** Makes the value of one line: `complete` is false for a last line that had no newline. */
export type LineReader<T> = (line: string, lineNumber: number, complete: boolean) => T

/** Makes the value of a line longer than the cap, from its number and first characters. */
export type LongLineReader<T> = (lineNumber: number, start: string) => T

/** How {@link resumableLines$} caps lines and resumes a broken transfer. */
export interface ResumeOptions<T> {
  /** The most characters of one line; a longer one is dropped and becomes `tooLong(...)`. */
  readonly maxLineLength: number
  /** The value of a line dropped for its length. */
  readonly tooLong: LongLineReader<T>
  /** Broken transfers in a row, with no new line between them, that are resumed. */
  readonly maxResumes: number
  /** The backoff timing before each resume (the client's retry options). */
  readonly retry: ResolvedRetryOptions
  /** The scheduler of the backoff. */
  readonly scheduler: SchedulerLike
}

/**
 * An Observable that, when subscribed, reads the chunks of `open()` line by line and emits
 * `read(line)` for each non-blank line as soon as its newline arrives, in one pass with no
 * per-line Observable. When the transfer fails with a retryable error (reset, timeout, 5xx, 429),
 * `open()` is subscribed again after the client's backoff and the lines already emitted are
 * skipped by their line number, so every line is emitted exactly once. A line whose newline had
 * not arrived when the transfer broke is never emitted from that attempt; only a clean end of the
 * body hands over a last line without newline (`complete: false`). A line longer than
 * `maxLineLength` is never buffered whole: it becomes `tooLong(lineNumber, start)`. More than
 * `maxResumes` failures in a row without a new line, or any other error, end the stream with
 * that error.
 */
export const resumableLines$ = <T>(
  open: () => Observable<Uint8Array>,
  read: LineReader<T>,
  options: ResumeOptions<T>,
): Observable<T> =>
  new Observable<T>((subscriber) => {
    let lastLineNumber = 0
    let failuresInARow = 0
    let transfer: Subscription | undefined
    let splitter: LineSplitter | undefined
    let backoff: Subscription | undefined

    const attempt = (): void => {
      let progressed = false
      const emit = (lineNumber: number, value: () => T): void => {
        if (lineNumber <= lastLineNumber) return
        lastLineNumber = lineNumber
        progressed = true
        subscriber.next(value())
        if (subscriber.closed) lines.stop()
      }
      const lines = new LineSplitter(
        (line, lineNumber, complete) => emit(lineNumber, () => read(line, lineNumber, complete)),
        {
          maxLineLength: options.maxLineLength,
          onTooLong: (lineNumber, start) =>
            emit(lineNumber, () => options.tooLong(lineNumber, start)),
        },
      )
      splitter = lines
      transfer = open().subscribe({
        next: (chunk) => lines.push(chunk),
        error: (error: unknown) => {
          lines.stop()
          if (progressed) failuresInARow = 0
          if (!isRetryableError(error) || failuresInARow >= options.maxResumes) {
            subscriber.error(error)
            return
          }
          failuresInARow++
          const serverWait = isHttpError(error) ? error.retryAfterMs : undefined
          const delayMs = retryDelay(failuresInARow, serverWait, options.retry)
          backoff = boundedTimer(delayMs, options.scheduler).subscribe(attempt)
        },
        complete: () => {
          lines.end()
          subscriber.complete()
        },
      })
    }

    attempt()
    return () => {
      splitter?.stop()
      transfer?.unsubscribe()
      backoff?.unsubscribe()
    }
  })
