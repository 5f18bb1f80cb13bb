// main() in this process, with captured streams, an environment of the spec's and Ctrl-C on demand.
import { Readable } from 'node:stream'
import { Subject } from 'rxjs'
import { main, type CliIo, type ExitCode } from '../../src'
import { CapturedOutput } from './captureOutput'

/** A `main` call under way. */
export interface InProcessRun {
  /** Resolves to the exit code. */
  readonly exit: Promise<ExitCode>
  readonly out: CapturedOutput
  readonly err: CapturedOutput
  /** Emit to press Ctrl-C (SIGINT) or send SIGTERM. */
  readonly interrupts: Subject<'SIGINT' | 'SIGTERM'>
}

/** Options of an in-process run: its environment, working directory, and stdin's text. */
export interface InProcessOptions {
  readonly env?: Record<string, string>
  readonly cwd?: string
  readonly stdin?: string
}

/** Starts `mistral-batch ...args` in this process. */
export const startInProcess = (
  args: ReadonlyArray<string>,
  options: InProcessOptions = {},
): InProcessRun => {
  const out = new CapturedOutput()
  const err = new CapturedOutput()
  const interrupts = new Subject<'SIGINT' | 'SIGTERM'>()
  const io: Partial<CliIo> = {
    stdout: out,
    stderr: err,
    env: options.env ?? {},
    interrupts,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  }
  return { exit: main(['node', 'mistral-batch', ...args], io), out, err, interrupts }
}

/** Runs `mistral-batch ...args` in this process to its end: the exit code and what it printed. */
export const runInProcess = async (
  args: ReadonlyArray<string>,
  options: InProcessOptions = {},
): Promise<{ code: ExitCode; stdout: string; stderr: string }> => {
  const run = startInProcess(args, options)
  const code = await run.exit
  return { code, stdout: run.out.text, stderr: run.err.text }
}
