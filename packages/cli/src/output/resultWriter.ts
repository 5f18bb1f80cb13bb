// Writes result lines as they stream: succeeded ones to the outputs sink, failed ones to errors,
// and tells of the first few that could not be read.
import * as E from 'fp-ts/Either'
import type { QueuedResult } from '@mistral-batch-rx/queue'
import type { ResultLine, ResultLineEither } from 'mistral-batch-rx'
import type { LineSink } from './lineSinks.js'

/** Unreadable result lines reported one by one; the rest only counted. */
const SHOWN_WARNINGS = 3

/** Sends each result line to its sink. */
export interface ResultWriter {
  /** Writes a result as sent to its sink; unreadable lines are counted, the first few `warn`ed. */
  write(result: ResultLineEither, warn: (line: string) => void): void
  readonly outputs: LineSink
  /** The sink of failed results (may be the same as `outputs`). */
  readonly errors: LineSink
  readonly unreadable: number
  /** Closes both sinks; `complete` when the whole stream was written (see `LineSink.close`). */
  close(complete: boolean): Promise<void>
}

// The fields `results$` adds to a line; as undefined values, JSON leaves them out.
const ADDED = { source: undefined, fileId: undefined, lineNumber: undefined, failed: undefined }

/** The wire line of a result, without the fields `results$` added (source, line number ...). */
export const resultLineJson = (line: ResultLine): string => JSON.stringify({ ...line, ...ADDED })

/**
 * A result of the queue as one JSON line: its id, whether it failed, its attempt, how often it
 * was handed out, its job's status, and its wire line (null when no attempt got one).
 */
export const queuedResultJson = (queued: QueuedResult): string =>
  JSON.stringify({
    id: queued.id,
    failed: queued.result?.failed ?? true,
    attempt: queued.attempt,
    deliveries: queued.deliveries,
    jobStatus: queued.jobStatus,
    result: queued.result === null ? null : { ...queued.result, ...ADDED },
  })

/** A writer over two sinks (the same one twice keeps all results in one file), also to `seen`. */
export const createResultWriter = (
  outputs: LineSink,
  errors: LineSink,
  seen: (line: ResultLine) => void = () => undefined,
): ResultWriter => {
  const writer = {
    outputs,
    errors,
    unreadable: 0,
    write(result: ResultLineEither, warn: (line: string) => void) {
      if (E.isRight(result)) {
        ;(result.right.failed ? errors : outputs).writeLine(resultLineJson(result.right))
        seen(result.right)
      } else if (writer.unreadable++ < SHOWN_WARNINGS) warn(`warning: ${result.left.message}`)
    },
    async close(complete: boolean) {
      await outputs.close(complete)
      if (errors !== outputs) await errors.close(complete)
    },
  }
  return writer
}

/** Resolves to `work`'s value once `writer` is closed, complete if `complete` says so; a failure of
 * `work` closes it incomplete and is rethrown. */
export const closeAfter = async <R>(
  writer: ResultWriter,
  work: Promise<R>,
  complete: (result: R) => boolean,
): Promise<R> => {
  let result: R
  try {
    result = await work
  } catch (error) {
    await writer.close(false).catch(() => undefined)
    throw error
  }
  await writer.close(complete(result))
  return result
}
