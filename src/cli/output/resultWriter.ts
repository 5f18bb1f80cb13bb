// Writes result lines as they stream: succeeded ones to the outputs sink, failed ones to errors.
import type { ResultLine } from '../../index.js'
import type { LineSink } from './lineSinks.js'

/** Sends each result line to its sink. */
export interface ResultWriter {
  /** Writes one result, as the server sent it, to the outputs or the errors sink. */
  write(line: ResultLine): void
  /** The sink of succeeded results. */
  readonly outputs: LineSink
  /** The sink of failed results (may be the same as `outputs`). */
  readonly errors: LineSink
  /** Closes both sinks; `complete` when the whole stream was written (see `LineSink.close`). */
  close(complete: boolean): Promise<void>
}

/** The wire line of a result, without the fields `results$` added (source, line number ...). */
export const resultLineJson = (line: ResultLine): string => {
  const {
    source: _source,
    fileId: _fileId,
    lineNumber: _lineNumber,
    failed: _failed,
    ...wire
  } = line
  return JSON.stringify(wire)
}

/** A writer over two sinks (pass the same sink twice to keep every result in one file). */
export const createResultWriter = (outputs: LineSink, errors: LineSink): ResultWriter => ({
  outputs,
  errors,
  write(line) {
    ;(line.failed ? errors : outputs).writeLine(resultLineJson(line))
  },
  async close(complete) {
    await outputs.close(complete)
    if (errors !== outputs) await errors.close(complete)
  },
})
