// Shared pieces of --help: examples under each command, the exit codes under the program's.
import type { Command } from 'commander'

/** Adds an `Examples:` section to the command's help. */
export const withExamples = (command: Command, ...examples: string[]): Command =>
  command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`)

/** The exit codes, as listed in the program's help. */
export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    the job failed, or ended with failed or missing requests
  2    bad arguments, invalid input or an invalid setting
  3    no API key, or the key was rejected
  4    HTTP or network error
  130  interrupted (Ctrl-C)
`
