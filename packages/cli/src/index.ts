// @mistral-batch-rx/cli: the `mistral-batch` command line, runnable in-process with injected io.
import { CommanderError } from 'commander'
import { processIo, writeLines, type CliIo } from './CliIo.js'
import { createCommandContext } from './CommandContext.js'
import { keysNamedIn } from './connection.js'
import { describeError } from './describeError.js'
import { EXIT_CODES, type ExitCode } from './exitCodes.js'
import { buildProgram } from './program.js'

export type { CliIo, CliOutput } from './CliIo.js'
export { EXIT_CODES, type ExitCode } from './exitCodes.js'

/**
 * Runs `mistral-batch` with `argv` as in `process.argv` (node, script, then the arguments) and
 * resolves to the exit code; it never calls `process.exit`. Output goes to `io` (the process's
 * streams, environment and Ctrl-C by default). A failure prints one `error: ...` line on stderr
 * (with the stack under `--verbose`). The API key never appears in anything printed.
 */
export const main = async (
  argv: ReadonlyArray<string>,
  io: Partial<CliIo> = {},
): Promise<ExitCode> => {
  const filled = { ...processIo(), ...io }
  const ctx = createCommandContext(filled, keysNamedIn(argv, filled.env))
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'node' })
    return ctx.exitCode
  } catch (error) {
    // commander has printed its own one-line message already; help and version are successes
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage
    }
    const described = describeError(error, ctx.secrets)
    writeLines(ctx.io.stderr, `error: ${described.message}`)
    if (argv.includes('--verbose') && error instanceof Error && error.stack !== undefined) {
      writeLines(ctx.io.stderr, error.stack)
    }
    return described.exitCode
  }
}
