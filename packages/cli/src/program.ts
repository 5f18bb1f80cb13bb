// The `mistral-batch` program: every command, wired to one context.
import { VERSION } from 'mistral-batch-rx'
import type { CommandContext } from './CommandContext.js'
import { CliCommand, EXIT_CODES_HELP } from './CliCommand.js'
import { oneLine } from './describeError.js'
import { registerDemoCommand } from './commands/demoCommand.js'
import { registerEmulatorCommand } from './commands/emulatorCommand.js'
import { registerFilesCommands } from './commands/filesCommands.js'
import { registerJobsCommands } from './commands/jobsCommands.js'
import { registerQueueCommands } from './commands/queueCommands.js'
import { registerResultsCommand } from './commands/resultsCommand.js'
import { registerResumeCommand } from './commands/resumeCommand.js'
import { registerRetryCommand } from './commands/retryCommand.js'
import { registerRunCommand } from './commands/runCommand.js'

/**
 * The program, writing through `ctx.io` and throwing `CommanderError` instead of exiting, so
 * `main` decides the exit code.
 */
export const buildProgram = (ctx: CommandContext): CliCommand => {
  const program = new CliCommand('mistral-batch')
    .description(
      'Run and manage Mistral batch jobs: upload JSONL, follow progress, stream results.\n' +
        'Connects with MISTRAL_API_KEY / --api-key to MISTRAL_BASE_URL / --base-url.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpCommand(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // commander may add a second line ("(Did you mean jobs?)"): errors stay on one line
      outputError: (text, write) => write(`${oneLine(text)}\n`),
    })
    .addHelpText('after', EXIT_CODES_HELP)
    .examples(
      'mistral-batch demo',
      'mistral-batch run requests.jsonl --endpoint /v1/chat/completions --model mistral-small-latest',
      'MISTRAL_BASE_URL=http://127.0.0.1:8080 mistral-batch jobs list --status RUNNING',
    )
  registerRunCommand(program, ctx)
  registerJobsCommands(program, ctx)
  registerResultsCommand(program, ctx)
  registerResumeCommand(program, ctx)
  registerRetryCommand(program, ctx)
  registerFilesCommands(program, ctx)
  registerQueueCommands(program, ctx)
  registerEmulatorCommand(program, ctx)
  registerDemoCommand(program, ctx)
  return program
}
