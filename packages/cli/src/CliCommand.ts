// The commands of `mistral-batch`: commander's, with examples and id arguments in their help, and
// the exit codes under the program's.
import { Command } from 'commander'

/** A commander `Command` whose subcommands are `CliCommand`s too. */
export class CliCommand extends Command {
  override createCommand(name?: string): CliCommand {
    return new CliCommand(name)
  }

  /** Adds the subcommand `name`, described, with the examples of its help (if any). */
  subcommand(name: string, description: string, ...examples: string[]): CliCommand {
    const command = this.command(name).description(description) as CliCommand
    return examples.length === 0 ? command : command.examples(...examples)
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

/** The id in each example of a job or a file. */
export const EXAMPLE_ID = {
  job: '0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f',
  file: '7f3c2a1b-4d5e-4f60-8a9b-0c1d2e3f4a5b',
} as const

/** The exit codes, as listed in the program's help. */
export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    the job failed, or ended with failed or missing requests
  2    bad arguments, invalid input or an invalid setting
  3    no API key, or the key was rejected
  4    HTTP or network error, or the queue's database cannot be reached
  130  interrupted (Ctrl-C)
`
