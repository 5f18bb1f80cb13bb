// Splitting JSONL bytes into lines in any chunking: counting an upload's batch request lines, and
// reading a job's input from a byte offset.
import { createReadStream } from 'node:fs'
import { isRecord } from '../jsonValues.js'

/**
 * Lines of bytes fed in any chunking: a line ends at `\n`, a trailing `\r` is dropped, empty
 * lines are skipped. `onLine` gets each line and the offset just after it (after its `\n`); while
 * `keep()` is false it gets `undefined` instead, and the line's bytes are never held.
 */
class LineSplitter {
  private parts: Buffer[] = []
  private length = 0
  private lastByte = -1

  constructor(
    private readonly onLine: (line: Buffer | undefined, end: number) => void,
    private offset = 0,
    private readonly keep: () => boolean = () => true,
  ) {}

  write(chunk: Buffer): void {
    for (let start = 0; ;) {
      const newline = chunk.indexOf(10, start)
      this.append(chunk.subarray(start, newline === -1 ? chunk.length : newline))
      if (newline === -1) return
      this.offset += 1
      this.endLine()
      start = newline + 1
    }
  }

  /** Ends the input: the last line may lack its newline. */
  finish(): void {
    this.endLine()
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return
    this.length += bytes.length
    this.offset += bytes.length
    this.lastByte = bytes[bytes.length - 1] ?? -1
    if (this.keep()) this.parts.push(bytes)
  }

  private endLine(): void {
    const length = this.length - (this.lastByte === 13 ? 1 : 0)
    if (length > 0) {
      const line = this.keep() ? Buffer.concat(this.parts).subarray(0, length) : undefined
      this.onLine(line, this.offset)
    }
    this.parts = []
    this.length = 0
    this.lastByte = -1
  }
}

export interface LineScan {
  lines: number
  /** Every line parsed as `{ body: {...}, ... }` (false for an empty input). */
  allBatchRequests: boolean
}

/**
 * Counts lines, and parses each while all so far were batch requests (then it only counts);
 * `checkBatchRequests` false: only counts.
 */
export const lineScanner = (checkBatchRequests: boolean) => {
  let lines = 0
  let allBatch = checkBatchRequests
  const isBatchRequest = (line: Buffer): boolean => {
    try {
      const parsed: unknown = JSON.parse(line.toString('utf8'))
      return isRecord(parsed) && isRecord(parsed.body)
    } catch {
      return false
    }
  }
  const onLine = (line: Buffer | undefined) => {
    lines += 1
    if (line !== undefined && !isBatchRequest(line)) allBatch = false
  }
  const splitter = new LineSplitter(onLine, 0, () => allBatch)
  return {
    write: (chunk: Buffer) => splitter.write(chunk),
    finish: (): LineScan => {
      splitter.finish()
      return { lines, allBatchRequests: allBatch && lines > 0 }
    },
  }
}

/** The non-empty lines of `file` from byte `start` on, each with the offset just after it. */
export async function* readLines(file: string, start = 0) {
  const lines: Array<{ text: string; end: number }> = []
  const split = new LineSplitter((line, end) => lines.push({ text: String(line), end }), start)
  for await (const chunk of createReadStream(file, { start, highWaterMark: 256 * 1024 })) {
    split.write(chunk as Buffer)
    yield* lines.splice(0)
  }
  split.finish()
  yield* lines
}
