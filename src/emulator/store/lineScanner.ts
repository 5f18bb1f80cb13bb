// Counts the request lines of a JSONL stream chunk by chunk, and tells whether each is a batch request.

/** What the scan found. */
export interface LineScan {
  /** Non-empty lines (a line is `\n`-terminated, or the last bytes; a trailing `\r` is dropped). */
  lines: number
  /** Every line parsed as `{ body: {...}, ... }` (false for an empty input). */
  allBatchRequests: boolean
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** Whether a parsed line looks like a batch request: an object with an object `body`. */
export const isBatchRequestLine = (u: unknown): boolean => isRecord(u) && isRecord(u.body)

/**
 * Scans JSONL bytes in any chunking. Only keeps the current line's bytes while it still checks
 * for batch requests; once a line fails that check, it only counts.
 */
export class LineScanner {
  private lines = 0
  private checking: boolean
  private allBatch = true
  private lineLength = 0
  private lastByte = -1
  private pending: Buffer[] = []

  /** `checkBatchRequests`: parse each line to decide `allBatchRequests`. */
  constructor(checkBatchRequests: boolean) {
    this.checking = checkBatchRequests
    this.allBatch = checkBatchRequests
  }

  /** Feeds the next chunk. */
  write(chunk: Buffer): void {
    let start = 0
    for (;;) {
      const newline = chunk.indexOf(10, start)
      if (newline === -1) {
        this.append(chunk, start, chunk.length)
        return
      }
      this.append(chunk, start, newline)
      this.endLine()
      start = newline + 1
    }
  }

  /** Ends the input and returns the result. */
  finish(): LineScan {
    this.endLine()
    return { lines: this.lines, allBatchRequests: this.allBatch && this.lines > 0 }
  }

  private append(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return
    this.lineLength += end - start
    this.lastByte = chunk[end - 1] ?? -1
    if (this.checking) this.pending.push(chunk.subarray(start, end))
  }

  private endLine(): void {
    const contentLength = this.lineLength - (this.lastByte === 13 ? 1 : 0)
    if (contentLength > 0) {
      this.lines += 1
      if (this.checking) this.check(Buffer.concat(this.pending).subarray(0, contentLength))
    }
    this.lineLength = 0
    this.lastByte = -1
    this.pending = []
  }

  private check(line: Buffer): void {
    let parsed: unknown
    try {
      parsed = JSON.parse(line.toString('utf8'))
    } catch {
      parsed = undefined
    }
    if (!isBatchRequestLine(parsed)) {
      this.checking = false
      this.allBatch = false
    }
  }
}
