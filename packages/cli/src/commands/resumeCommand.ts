// `mistral-batch resume <jobId...>`: re-attach to running jobs, follow them, write their results.
import type { CommandContext } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { resultPathsFor, runIntoFiles, type ResultFileFlags } from '../run/executeRun.js'
import { pricesOf, withPriceOptions, type PriceFlags } from '../run/priceOptions.js'
import {
  retryFailedArgs,
  retryFailedOf,
  withRetryFailedOption,
  type RetryFailedFlags,
} from '../run/retryFailedOption.js'

/** Adds `resume` to the program. */
export const registerResumeCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'resume',
      'follow jobs started earlier (by run, or before a crash) to their end and write all ' +
        'their results, as run does',
      `mistral-batch resume ${EXAMPLE_ID.job} --out results.jsonl`,
      `mistral-batch resume ${EXAMPLE_ID.job} --retry-failed 2   # a run started with --retry-failed 2`,
    )
    .argument('<jobId...>', 'the ids of the jobs (several for a sharded run)')
    .option('--out <file>', 'succeeded results (default: <first jobId>.results.jsonl)')
    .option('--errors <file>', 'failed results (default: <first jobId>.errors.jsonl, only if any)')
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the jobs without asking')
  ctx.connected(
    withPriceOptions(withRetryFailedOption(withIntervalOption(command))),
    async (
      client,
      jobIds: string[],
      flags: ResultFileFlags & IntervalFlags & RetryFailedFlags & PriceFlags,
    ) => {
      const price = await pricesOf(ctx.io.cwd, flags)
      const events = client.resumeBatch$(jobIds, {
        watch: watchOptionsFor(flags),
        ...retryFailedOf(flags),
        ...(price === undefined ? {} : { price }),
      })
      const defaults = resultPathsFor(`${jobIds[0] ?? 'batch'}.jsonl`)
      return runIntoFiles(
        ctx,
        client,
        { events, resumeArgs: retryFailedArgs(flags) },
        flags,
        defaults,
      )
    },
  )
}
