// The process surface a command uses: its streams, environment and Ctrl-C, injectable for tests.
import { fromEvent, map, merge, type Observable } from 'rxjs'

/** A text output: `process.stdout`, `process.stderr`, or any stream-like sink. */
export interface CliOutput {
  /**
   * Writes text (or raw bytes, for downloads to stdout); calls `callback`, when given, once the
   * chunk has left (as Node's streams do: for a pipe or a file, once the kernel took it).
   */
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): unknown
  /** True on a terminal: progress bars and questions are used only there. */
  readonly isTTY?: boolean
  /** Terminal width, when known. */
  readonly columns?: number
}

/** What `main` reads and writes instead of touching `process` directly. */
export interface CliIo {
  /** Results and reports. */
  readonly stdout: CliOutput
  /** Errors, progress and hints. */
  readonly stderr: CliOutput
  /** Answers to questions (Ctrl-C: cancel the job?). */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean }
  /** Environment variables (`MISTRAL_API_KEY`, `MISTRAL_BASE_URL`). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The working directory relative paths are resolved against. */
  readonly cwd: string
  /**
   * Emits on each Ctrl-C (SIGINT) or SIGTERM; while a command listens to it, it handles them
   * itself (the process is not killed).
   */
  readonly interrupts: Observable<'SIGINT' | 'SIGTERM'>
}

const signal = (name: 'SIGINT' | 'SIGTERM') => fromEvent(process, name).pipe(map(() => name))

/** The io of the running process. */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  interrupts: merge(signal('SIGINT'), signal('SIGTERM')),
})

/** Writes each of `lines` to `out`, with its newline, in one write. */
export const writeLines = (out: CliOutput, ...lines: string[]): void => {
  out.write(lines.map((line) => `${line}\n`).join(''))
}

/** Whether questions can be asked: both the input and the error stream are terminals. */
export const isInteractive = (io: CliIo): boolean =>
  io.stdin.isTTY === true && io.stderr.isTTY === true
