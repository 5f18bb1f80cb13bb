// Where result lines go: a file (checked now, written from its first line), or an output stream.
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs'
import * as path from 'node:path'
import type { CliOutput } from '../CliIo.js'
import { usageError, type CliError } from '../exitCodes.js'
import { FILE_PROBLEMS, systemErrorOf } from '../describeError.js'

/** A destination of JSONL lines. */
export interface LineSink {
  /** Appends one line (the newline is added). */
  writeLine(line: string): void
  /** Lines written so far. */
  readonly lines: number
  /** Where the lines go, for messages: a path, or `stdout`. */
  readonly name: string
  /** Flushes and closes, rejecting if a write failed; `complete` creates a must-exist file sink. */
  close(complete: boolean): Promise<void>
}

// Of a file to write, a missing part is its folder.
const fileError = (name: string, error: unknown): CliError => {
  const code = systemErrorOf(error)?.code
  const why = code === 'ENOENT' ? 'no such directory' : FILE_PROBLEMS[code ?? '']
  return usageError(`cannot write ${name}: ${why ?? String(code ?? error)}`)
}

/** A sink named `name` that counts its lines and gives each, with its newline, to `write`. */
const countingSink = (
  name: string,
  write: (text: string) => unknown,
  close: LineSink['close'],
): LineSink => {
  const sink = {
    lines: 0,
    name,
    writeLine: (line: string) => {
      sink.lines += 1
      write(`${line}\n`)
    },
    close,
  }
  return sink
}

/** A sink of lines into `file` (shown as `name`), opened at its first line. */
const openingSink = (file: string, name: string, mustExist: boolean): LineSink => {
  let stream: WriteStream | undefined
  let failure: unknown
  const open = (): WriteStream => {
    stream = createWriteStream(file, { flags: 'w' })
    stream.on('error', (error) => (failure ??= error))
    return stream
  }
  return countingSink(
    name,
    (text) => (stream ?? open()).write(text),
    (complete) =>
      new Promise<void>((resolve, reject) => {
        const opened = stream ?? (complete && mustExist ? open() : undefined)
        const settle = () => (failure === undefined ? resolve() : reject(fileError(name, failure)))
        if (opened === undefined || opened.closed) settle()
        else opened.end(settle)
      }),
  )
}

/** A file sink for `name` under `cwd`, checked writable now (a bad path fails before any work) but
 * replaced only at its first line or a complete close with `mustExist`: early failures spare it. */
export const fileSink = async (
  cwd: string,
  name: string,
  mustExist: boolean,
): Promise<LineSink> => {
  const file = path.resolve(cwd, name)
  const fail = (error: unknown): never => {
    throw fileError(name, error)
  }
  const stats = await fs
    .stat(file)
    .catch((error: unknown) => (systemErrorOf(error)?.code === 'ENOENT' ? undefined : fail(error)))
  if (stats?.isDirectory() === true) fail({ code: 'EISDIR' })
  await fs.access(stats === undefined ? path.dirname(file) : file, fs.constants.W_OK).catch(fail)
  return openingSink(file, name, mustExist)
}

/** A sink writing to an output stream (stdout). */
export const outputSink = (out: CliOutput, name = 'stdout'): LineSink =>
  countingSink(
    name,
    (text) => out.write(text),
    () => Promise.resolve(),
  )
