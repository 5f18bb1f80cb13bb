// The emulator in a process of its own, with any of its options (the bin has no flag for some,
// failedLines among them): the options as JSON in argv[2]; it says its URL, and stops on SIGTERM.
import { startEmulator, type EmulatorOptions } from '@mistral-batch-rx/emulator'
import { onStop, say } from './childOutput.js'

/** What the emulator process says. */
export type EmulatorProcessLine = { readonly type: 'listening'; readonly url: string }

const main = async (): Promise<void> => {
  const emulator = await startEmulator(JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions)
  onStop(() => emulator.close())
  say({ type: 'listening', url: emulator.url } satisfies EmulatorProcessLine)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(2)
})
