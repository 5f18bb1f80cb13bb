// The emulator in a child process, for the leak spec: then every socket and timer left in the
// jest process is the client's own. It runs the emulator bin of the specs' private build.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ensureBuiltCli } from '../../../packages/cli/spec/support/builtCli.js'
import type { EmulatorStats } from '@mistral-batch-rx/emulator'

/** A running emulator process and its admin route. */
export interface EmulatorChild {
  readonly url: string
  /** GET /_emulator/stats. */
  stats(): Promise<EmulatorStats>
  /** Stops the process. */
  close(): Promise<void>
}

/** Starts `mistral-batch-emulator --port 0 ...args` from the specs' build and waits for its URL. */
export const startEmulatorChild = async (args: ReadonlyArray<string>): Promise<EmulatorChild> => {
  const bin = join(
    ensureBuiltCli(),
    '..',
    '..',
    'node_modules',
    '@mistral-batch-rx',
    'emulator',
    'bin.js',
  )
  const child: ChildProcess = spawn(process.execPath, [bin, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${output}`)))
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      output += text
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1] !== undefined) resolve(match[1])
    })
  })
  return {
    url,
    stats: async () => (await (await fetch(`${url}/_emulator/stats`)).json()) as EmulatorStats,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
