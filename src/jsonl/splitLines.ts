// Operators from a stream of bytes to a stream of text lines (JSONL), for results and downloads.
import type { OperatorFunction } from 'rxjs'
import { LineSplitter, type LineHandler } from './lineSplitter.js'
import { statefulOperator } from './statefulOperator.js'

/** One line of a byte stream, with where it was and whether its newline was seen. */
export interface SplitLine {
  /** The text, without its `\n` or `\r\n`. */
  readonly line: string
  /** The physical line number from 1, counting skipped blank lines, as an editor shows it. */
  readonly lineNumber: number
  /** False only for a last line that had no newline: it may have been cut off. */
  readonly complete: boolean
}

/**
 * An operator from UTF-8 byte chunks to their non-blank lines, each emitted as soon as its
 * newline arrives. `\n` and `\r\n` end lines (U+2028 and U+2029 do not), a leading BOM is
 * dropped, characters and `\r\n` split across chunks are handled, and a last line without a
 * newline is emitted when the source completes. Linear time however the bytes are chunked;
 * each subscription has its own state. See {@link LineSplitter} for the exact rules.
 */
export function splitLines(): OperatorFunction<Uint8Array, string> {
  return splitWith((destination) => (line) => destination.next(line))
}

/**
 * Like {@link splitLines}, but each line comes with its physical line number and whether it
 * ended with a newline: what a resumable reader needs to skip lines it has seen and to tell a
 * truncated last line.
 */
export function splitLinesWithInfo(): OperatorFunction<Uint8Array, SplitLine> {
  return splitWith(
    (destination) => (line, lineNumber, complete) =>
      destination.next({ line, lineNumber, complete }),
  )
}

function splitWith<Out>(
  handler: (destination: { next(value: Out): void }) => LineHandler,
): OperatorFunction<Uint8Array, Out> {
  return statefulOperator<Uint8Array, Out>((destination) => {
    const splitter = new LineSplitter(handler(destination))
    destination.add(() => splitter.stop())
    return { next: (chunk) => splitter.push(chunk), complete: () => splitter.end() }
  })
}
