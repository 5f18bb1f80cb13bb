// `mistral-batch emulator`: the local Batch + Files server in the foreground, until Ctrl-C.
import { firstValueFrom } from 'rxjs'
import type { EmulatorOptions, RunningEmulator } from '@mistral-batch-rx/emulator'
import type { CliCommand } from '../CliCommand.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, messageOf, usageError, type ExitCode } from '../exitCodes.js'

/**
 * The emulator, loaded when a command needs it: it brings fastify, about 50 ms of start-up that
 * every other command (and `--help`) would pay for nothing.
 */
const loadEmulator = () => import('@mistral-batch-rx/emulator')

/** Starts an emulator, turning bad options and a busy port into usage errors. */
export const startEmulatorForCli = async (options: EmulatorOptions): Promise<RunningEmulator> => {
  const { startEmulator } = await loadEmulator()
  try {
    return await startEmulator(options)
  } catch (error) {
    if (error instanceof RangeError) throw usageError(error.message)
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw usageError(`port ${options.port ?? 0} is already in use`)
    }
    throw error
  }
}

const serve = async (ctx: CommandContext, flags: string[]): Promise<ExitCode> => {
  const { stdout } = ctx.io
  const { EMULATOR_USAGE, parseEmulatorArgs } = await loadEmulator()
  let args
  try {
    args = parseEmulatorArgs(flags)
  } catch (error) {
    throw usageError(messageOf(error))
  }
  if (args.help) {
    writeLines(stdout, EMULATOR_USAGE.replace(/mistral-batch-emulator/g, 'mistral-batch emulator'))
    return EXIT_CODES.ok
  }
  const emulator = await startEmulatorForCli(args.options)
  writeLines(
    stdout,
    `Mistral batch emulator listening on ${emulator.url}`,
    `Data: ${emulator.dataDir}${args.options.dataDir === undefined ? ' (temporary)' : ''}`,
    `Try: MISTRAL_BASE_URL=${emulator.url} mistral-batch jobs list`,
    'Press Ctrl-C to stop.',
  )
  const signal = await firstValueFrom(ctx.io.interrupts)
  writeLines(stdout, `${signal}: stopping the emulator`)
  await emulator.close()
  return EXIT_CODES.ok
}

/** Adds `emulator` to the program; its flags are the standalone emulator bin's own. */
export const registerEmulatorCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'emulator',
      'run the local Mistral Batch + Files emulator (see: mistral-batch emulator --help)',
    )
    .argument('[flags...]', 'emulator flags: --port --host --data-dir --rate --queue-delay-ms ...')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
  ctx.action(command, (flags: string[]) => serve(ctx, flags))
}
