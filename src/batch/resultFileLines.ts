// The lines of a downloaded file, resumed after a broken transfer without losing or repeating one.
import { defer, Observable } from 'rxjs'
import type { ResolvedConfig } from '../config.js'
import { retrying } from '../http/retry.js'
import { LineSplitter } from '../jsonl/lineSplitter.js'

/** Makes the value of one line: `complete` is false for a last line that had no newline. */
export type LineReader<T> = (line: string, lineNumber: number, complete: boolean) => T

/** Makes the value of a line longer than the cap, from its number and first characters. */
type LongLineReader<T> = (lineNumber: number, start: string) => T

/** How {@link resumableLines$} caps lines and resumes a broken transfer. */
export interface ResumeOptions<T> {
  /** The most characters of one line; a longer one is dropped and becomes `tooLong(...)`. */
  readonly maxLineLength: number
  /** The value of a line dropped for its length. */
  readonly tooLong: LongLineReader<T>
  /** Broken transfers in a row, with no new line between them, that are resumed. */
  readonly maxResumes: number
  /** The client's retry timing and scheduler, for the backoff before each resume. */
  readonly config: Pick<ResolvedConfig, 'retry' | 'scheduler'>
}

/**
 * The lines of `open()`'s bytes, each emitted once as soon as its newline arrives: a broken
 * transfer is opened again (the one retry layer of `results$`) and the lines already emitted are
 * skipped by number; a line longer than `maxLineLength` is never held whole.
 */
export const resumableLines$ = <T>(
  open: () => Observable<Uint8Array>,
  read: LineReader<T>,
  options: ResumeOptions<T>,
): Observable<T> =>
  defer(() => {
    let lastLineNumber = 0
    const attempt$ = new Observable<T>((subscriber) => {
      const emit = (lineNumber: number, value: () => T): void => {
        if (lineNumber <= lastLineNumber) return
        lastLineNumber = lineNumber
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
      const transfer = open().subscribe({
        next: (chunk) => lines.push(chunk),
        error: (error: unknown) => {
          lines.stop()
          subscriber.error(error)
        },
        complete: () => {
          lines.end()
          subscriber.complete()
        },
      })
      return () => {
        lines.stop()
        transfer.unsubscribe()
      }
    })
    return attempt$.pipe(
      retrying(options.config, { mode: 'safe', count: options.maxResumes, resetOnValue: true }),
    )
  })
