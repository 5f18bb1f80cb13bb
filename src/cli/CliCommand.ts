// The commands of `mistral-batch`: commander's, with examples and id arguments in their help, and
// the exit codes under the program's.
import { Command } from 'commander'

/** A commander `Command` whose subcommands are `CliCommand`s too. */
export class CliCommand extends Command {
  override createCommand(name?: string): CliCommand {
    return new CliCommand(name)
  }

  /** Adds an `Examples:` section to the help. */
  examples(...examples: string[]): this {
    return this.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`)
  }

  /** Adds the argument `<jobId>` (`the job id`), or `<fileId>`. */
  idArgument(noun: 'job' | 'file'): this {
    return this.argument(`<${noun}Id>`, `the ${noun} id`)
  }
}

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
