#!/usr/bin/env node
// mistral-batch-emulator: starts the emulator from the command line and stops it on Ctrl-C.
import { EMULATOR_USAGE, parseEmulatorArgs } from './binArgs.js'
import { startEmulator } from './index.js'

const main = async (): Promise<void> => {
  const args = parseEmulatorArgs(process.argv.slice(2))
  if (args.help) {
    console.log(EMULATOR_USAGE)
    return
  }
  const emulator = await startEmulator(args.options)
  console.log(`Mistral batch emulator listening on ${emulator.url}`)
  console.log(
    `Data: ${emulator.dataDir}${args.options.dataDir === undefined ? ' (temporary)' : ''}`,
  )
  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the emulator`)
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error))
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`mistral-batch-emulator: ${error instanceof Error ? error.message : String(error)}`)
  console.error('Run with --help for the options.')
  process.exit(2)
})
