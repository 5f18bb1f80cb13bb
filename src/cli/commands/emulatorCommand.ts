// `mistral-batch emulator`: the local Batch + Files server in the foreground, until Ctrl-C.
import type { Command } from 'commander'
import { firstValueFrom } from 'rxjs'
import { EMULATOR_USAGE, parseEmulatorArgs } from '../../emulator/binArgs.js'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js'
import { CliError } from '../CliError.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'

/** The emulator's usage text, named as this subcommand. */
export const EMULATOR_COMMAND_USAGE = EMULATOR_USAGE.replace(
  /mistral-batch-emulator/g,
  'mistral-batch emulator',
)

const parse = (flags: string[]) => {
  try {
    return parseEmulatorArgs(flags)
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_CODES.usage)
  }
}

/** Starts an emulator, turning bad options and a busy port into usage errors. */
export const startEmulatorForCli = async (options: EmulatorOptions): Promise<RunningEmulator> => {
  try {
    return await startEmulator(options)
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, EXIT_CODES.usage)
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      throw new CliError(`port ${options.port ?? 0} is already in use`, EXIT_CODES.usage)
    }
    throw error
  }
}

const serve = async (ctx: CommandContext, flags: string[]): Promise<ExitCode> => {
  const args = parse(flags)
  if (args.help) {
    writeLine(ctx.io.stdout, EMULATOR_COMMAND_USAGE)
    return EXIT_CODES.ok
  }
  const emulator = await startEmulatorForCli(args.options)
  const { stdout } = ctx.io
  writeLine(stdout, `Mistral batch emulator listening on ${emulator.url}`)
  writeLine(
    stdout,
    `Data: ${emulator.dataDir}${args.options.dataDir === undefined ? ' (temporary)' : ''}`,
  )
  writeLine(stdout, `Try: MISTRAL_BASE_URL=${emulator.url} mistral-batch jobs list`)
  writeLine(stdout, 'Press Ctrl-C to stop.')
  const signal = await firstValueFrom(ctx.io.interrupts)
  writeLine(stdout, `${signal}: stopping the emulator`)
  await emulator.close()
  return EXIT_CODES.ok
}

/** Adds `emulator` to the program; its flags are the standalone emulator bin's own. */
export const registerEmulatorCommand = (program: Command, ctx: CommandContext): void => {
  program
    .command('emulator')
    .description(
      'run the local Mistral Batch + Files emulator (see: mistral-batch emulator --help)',
    )
    .argument('[flags...]', 'emulator flags: --port --host --data-dir --rate --queue-delay-ms ...')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(ctx.action((flags: string[]) => serve(ctx, flags)))
}
