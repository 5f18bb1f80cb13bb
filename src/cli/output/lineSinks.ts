// Where result lines go: a file (checked now, written from its first line), or an output stream.
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs'
import * as path from 'node:path'
import { CliError } from '../CliError.js'
import type { CliOutput } from '../CliIo.js'
import { EXIT_CODES } from '../exitCodes.js'

/** A destination of JSONL lines. */
export interface LineSink {
  /** Appends one line (the newline is added). */
  writeLine(line: string): void
  /** Lines written so far. */
  readonly lines: number
  /** Where the lines go, for messages: a path, or `stdout`. */
  readonly name: string
  /**
   * Flushes and closes; rejects if any write failed. With `complete`, a file sink that must
   * exist is created even if no line came.
   */
  close(complete: boolean): Promise<void>
}

const fileError = (name: string, error: unknown): CliError => {
  const code = (error as { code?: unknown }).code
  const why =
    code === 'ENOENT'
      ? 'no such directory'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : String(code ?? error)
  return new CliError(`cannot write ${name}: ${why}`, EXIT_CODES.usage)
}

class FileSink implements LineSink {
  lines = 0
  #stream: WriteStream | undefined
  #failure: unknown

  constructor(
    private readonly path: string,
    readonly name: string,
    private readonly mustExist: boolean,
  ) {}

  #open(): WriteStream {
    const stream = createWriteStream(this.path, { flags: 'w' })
    stream.on('error', (error) => (this.#failure ??= error))
    this.#stream = stream
    return stream
  }

  writeLine(line: string): void {
    const stream = this.#stream ?? this.#open()
    this.lines += 1
    stream.write(`${line}\n`)
  }

  close(complete: boolean): Promise<void> {
    const stream = this.#stream ?? (complete && this.mustExist ? this.#open() : undefined)
    return new Promise<void>((resolve, reject) => {
      const settle = () =>
        this.#failure === undefined ? resolve() : reject(fileError(this.name, this.#failure))
      if (stream === undefined || stream.closed) settle()
      else stream.end(settle)
    })
  }
}

const assertWritable = async (file: string, name: string): Promise<void> => {
  try {
    const stats = await fs.stat(file).catch((error: { code?: string }) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (stats?.isDirectory() === true) throw Object.assign(new Error(), { code: 'EISDIR' })
    await fs.access(stats === undefined ? path.dirname(file) : file, fs.constants.W_OK)
  } catch (error) {
    throw fileError(name, error)
  }
}

/**
 * A file sink for `file` (shown as `name`). Whether it can be written is checked now, so a bad
 * path fails before any work starts, but an existing file is only replaced at the first line,
 * or when the sink closes complete with `mustExist`: a run that fails early leaves it as it was.
 */
export const fileSink = async (
  file: string,
  name: string,
  options: { readonly mustExist: boolean },
): Promise<LineSink> => {
  await assertWritable(file, name)
  return new FileSink(file, name, options.mustExist)
}

/** A sink writing to an output stream (stdout). */
export const outputSink = (out: CliOutput, name = 'stdout'): LineSink => {
  const sink = {
    lines: 0,
    name,
    writeLine(line: string) {
      sink.lines += 1
      out.write(`${line}\n`)
    },
    close: () => Promise.resolve(),
  }
  return sink
}
