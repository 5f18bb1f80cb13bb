// `mistral-batch resume <jobId...>`: re-attach to running jobs, follow them, write their results.
import type { Command } from 'commander'
import type { CommandContext } from '../CommandContext.js'
import { withExamples } from '../commandHelp.js'
import { withConnectionOptions, type ConnectionFlags } from '../connection.js'
import type { ExitCode } from '../exitCodes.js'
import { resultPathsFor } from '../output/outputPaths.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { runIntoFiles, type ResultFileFlags } from '../run/runIntoFiles.js'

interface ResumeFlags extends ConnectionFlags, ResultFileFlags, IntervalFlags {}

const resume = (ctx: CommandContext, jobIds: string[], flags: ResumeFlags): Promise<ExitCode> => {
  const { client } = ctx.connect(flags)
  const events = client.resumeBatch$(jobIds, { watch: watchOptionsFor(flags) })
  return runIntoFiles(ctx, client, events, flags, resultPathsFor(`${jobIds[0] ?? 'batch'}.jsonl`))
}

/** Adds `resume` to the program. */
export const registerResumeCommand = (program: Command, ctx: CommandContext): void => {
  withExamples(
    withConnectionOptions(
      withIntervalOption(
        program
          .command('resume')
          .description(
            'follow jobs started earlier (by run, or before a crash) to their end and write all ' +
              'their results, as run does',
          )
          .argument('<jobId...>', 'the ids of the jobs (several for a sharded run)')
          .option('--out <file>', 'succeeded results (default: <first jobId>.results.jsonl)')
          .option(
            '--errors <file>',
            'failed results (default: <first jobId>.errors.jsonl, only if any)',
          )
          .option('--cancel-on-exit', 'on Ctrl-C, cancel the jobs without asking'),
      ),
    ),
    'mistral-batch resume 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f --out results.jsonl',
  ).action(ctx.action((jobIds: string[], flags: ResumeFlags) => resume(ctx, jobIds, flags)))
}
