// Turns UTF-8 bytes, however they are chunked, into lines in linear time: what results$ reads with.

/** Receives each non-blank line; `complete` is false for a last line that had no newline. */
export type LineHandler = (line: string, lineNumber: number, complete: boolean) => void

/** Receives the number and the first characters of a line longer than the cap, instead of it. */
type LongLineHandler = (lineNumber: number, start: string) => void

/** The cap on one line (see {@link LineSplitter}). */
export interface LineCap {
  /** The most characters one line may have; a longer one is dropped, not buffered. */
  readonly maxLineLength: number
  /** Told of each line dropped for its length, as soon as it passes the cap. */
  readonly onTooLong: LongLineHandler
}

/** How much of a dropped line's start is handed to `onTooLong`. */
const LONG_LINE_START = 200

// Chunks smaller than this are gathered into the staging buffer before decoding: a decoder
// call (about 200 ns) costs far more than copying a few bytes, so 1-byte chunks run 5-10x faster.
const SMALL_CHUNK_BYTES = 256
const STAGING_BYTES = 16 * 1024
const LINE_FEED = 10
const CARRIAGE_RETURN = 13

/**
 * Splits a byte stream into lines, calling `onLine` for each as soon as its `\n` arrives.
 *
 * - `\n` and `\r\n` end a line (the `\r` may come a chunk before the `\n`); a lone `\r`,
 *   U+2028 and U+2029 do not. A leading BOM is dropped; invalid bytes become U+FFFD.
 * - Blank lines (only spaces, tabs and `\r`, the whitespace of JSON) are skipped but counted:
 *   line numbers are physical, from 1, as an editor shows them.
 * - An unfinished line is kept as a list of parts joined once, at its newline: no quadratic
 *   copying. No chunk is kept after `push` returns, so the producer may reuse its buffers.
 * - With a `cap`, a longer line (a file with no newline, a damaged line) is never held whole:
 *   once past the cap its text is dropped, `onTooLong` gets its number and start, and the
 *   splitter skips to the next newline, so memory stays within the cap.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8')
  private readonly staging = new Uint8Array(STAGING_BYTES)
  private stagedBytes = 0
  private pendingParts: string[] = []
  private pendingLength = 0
  private skippingLongLine = false
  private linesEnded = 0
  private stopped = false
  private readonly maxLineLength: number

  /** `cap`: the longest line and what to do with a longer one; no cap when absent. */
  constructor(
    private readonly onLine: LineHandler,
    private readonly cap?: LineCap,
  ) {
    this.maxLineLength = cap?.maxLineLength ?? Number.POSITIVE_INFINITY
  }

  /** Feeds the next chunk of bytes; lines it completes are handed to `onLine` before it returns. */
  push(chunk: Uint8Array): void {
    if (this.stopped) return
    if (chunk.length >= SMALL_CHUNK_BYTES) {
      this.flushStaging()
      this.scan(this.decoder.decode(chunk, { stream: true }))
      return
    }
    if (this.stagedBytes + chunk.length > STAGING_BYTES) this.flushStaging()
    if (chunk.length === 1) {
      const byte = chunk[0] as number
      this.staging[this.stagedBytes++] = byte
      if (byte === LINE_FEED) this.flushStaging()
      return
    }
    this.staging.set(chunk, this.stagedBytes)
    this.stagedBytes += chunk.length
    if (chunk.indexOf(LINE_FEED) !== -1) this.flushStaging()
  }

  /** Ends the input: hands over a last line that had no newline, marked incomplete. */
  end(): void {
    if (this.stopped) return
    this.flushStaging()
    this.scan(this.decoder.decode())
    if (this.pendingParts.length > 0) this.emit(this.takePending(), this.linesEnded + 1, false)
  }

  /** Stops all further work, even in the middle of a chunk (the consumer has gone). */
  stop(): void {
    this.stopped = true
    this.dropPending()
  }

  private emit(line: string, lineNumber: number, complete: boolean): void {
    if (line.length > this.maxLineLength) this.cap?.onTooLong(lineNumber, startOf([line]))
    else if (!isBlank(line)) this.onLine(line, lineNumber, complete)
  }

  private takePending(): string {
    const line = this.pendingParts.join('')
    this.dropPending()
    return line
  }

  private dropPending(): void {
    this.pendingParts = []
    this.pendingLength = 0
  }

  private flushStaging(): void {
    if (this.stagedBytes === 0) return
    const bytes = this.staging.subarray(0, this.stagedBytes)
    this.stagedBytes = 0
    this.scan(this.decoder.decode(bytes, { stream: true }))
  }

  private scan(text: string): void {
    let start = 0
    let newline = text.indexOf('\n')
    while (newline !== -1) {
      let line: string
      if (this.skippingLongLine) {
        this.skippingLongLine = false
        this.linesEnded++
        start = newline + 1
        newline = text.indexOf('\n', start)
        continue
      }
      if (this.pendingParts.length === 0) {
        const end =
          newline > start && text.charCodeAt(newline - 1) === CARRIAGE_RETURN
            ? newline - 1
            : newline
        line = text.slice(start, end)
      } else {
        this.pendingParts.push(text.slice(start, newline))
        line = this.takePending()
        if (line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) line = line.slice(0, -1)
      }
      this.linesEnded++
      this.emit(line, this.linesEnded, true)
      if (this.stopped) return
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    if (start < text.length && !this.skippingLongLine) this.keepPending(text, start)
  }

  // The start of a line still open: kept in parts, or dropped once it passes the cap.
  private keepPending(text: string, start: number): void {
    this.pendingParts.push(start === 0 ? text : text.slice(start))
    this.pendingLength += text.length - start
    // one more than the cap: the last character may be the \r of a \r\n, not part of the line
    if (this.pendingLength <= this.maxLineLength + 1) return
    const lineStart = startOf(this.pendingParts)
    this.dropPending()
    this.skippingLongLine = true
    this.cap?.onTooLong(this.linesEnded + 1, lineStart)
  }
}

// The first characters of a line in parts, as a copy: a slice would be a view that keeps the
// whole line (up to the cap) alive for as long as the error that quotes it.
function startOf(parts: ReadonlyArray<string>): string {
  let start = ''
  for (const part of parts) {
    start += part.slice(0, LONG_LINE_START - start.length)
    if (start.length >= LONG_LINE_START) break
  }
  const last = start.charCodeAt(start.length - 1)
  const whole = last >= 0xd800 && last <= 0xdbff ? start.slice(0, -1) : start
  return Array.from(whole).join('')
}

// Only JSON's own whitespace counts: a line of U+00A0 or U+2028 is kept, to fail visibly later.
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code !== 32 && code !== 9 && code !== CARRIAGE_RETURN) return false
  }
  return true
}
