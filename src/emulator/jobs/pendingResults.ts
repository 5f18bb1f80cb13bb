// The result lines of a job not yet written to disk, with the counters they will add once written.
import type { LineResult } from './resultLine.js'

/** Results gathered between two flushes, and where the input stood after the last of them. */
export class PendingResults {
  /** Requests processed since the last flush. */
  count = 0
  succeeded = 0
  failed = 0
  private outputs: string[] = []
  private errors: string[] = []

  /** `fileIndex`/`offset`: where reading stands; moved forward with every line. */
  constructor(
    public fileIndex: number,
    public offset: number,
  ) {}

  /** Adds one processed line; `end` is the input offset just after it. */
  add(result: LineResult, end: number): void {
    this.count += 1
    this.offset = end
    if (result.ok) {
      this.succeeded += 1
      this.outputs.push(result.json, '\n')
    } else {
      this.failed += 1
      this.errors.push(result.json, '\n')
    }
  }

  /** Marks the start of the next input file. */
  nextFile(): void {
    this.fileIndex += 1
    this.offset = 0
  }

  /** The output-file and error-file bytes to append, and their line counts. */
  take(): { output: Buffer; outputLines: number; error: Buffer; errorLines: number } {
    const taken = {
      output: Buffer.from(this.outputs.join('')),
      outputLines: this.succeeded,
      error: Buffer.from(this.errors.join('')),
      errorLines: this.failed,
    }
    this.outputs = []
    this.errors = []
    return taken
  }

  /** Starts a new batch at the current position. */
  reset(): void {
    this.count = 0
    this.succeeded = 0
    this.failed = 0
    this.outputs = []
    this.errors = []
  }
}
