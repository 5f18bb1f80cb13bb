// `mistral-batch results <jobId>`: stream a finished job's result lines to stdout or files.
import { firstValueFrom, tap } from 'rxjs'
import { isTerminalStatus, summarizeUsage, type UsageSummary } from 'mistral-batch-rx'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { writeLines } from '../CliIo.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import { EXIT_CODES, usageError } from '../exitCodes.js'
import { fileSink, outputSink } from '../output/lineSinks.js'
import { closeAfter, createResultWriter } from '../output/resultWriter.js'
import { plural } from '../render/formatUnits.js'
import { formatUsage } from '../render/usageSummary.js'
import { CLI_WATCH_OPTIONS } from '../run/cliWatchOptions.js'
import { pricesOf, withPriceOptions, type PriceFlags } from '../run/priceOptions.js'

type ResultsFlags = PriceFlags & {
  readonly out?: string
  readonly errors?: string
  readonly wait?: boolean
}

const results: CommandHandler<[jobId: string, flags: ResultsFlags]> = async (
  ctx,
  client,
  jobId,
  flags,
) => {
  const { stderr, cwd } = ctx.io
  const price = await pricesOf(cwd, flags)
  const job = await firstValueFrom(client.batch.get$(jobId))
  if (!isTerminalStatus(job.status) && flags.wait !== true) {
    throw usageError(
      `job ${job.id} is ${job.status}, not finished: wait with --wait, or watch it with ` +
        `mistral-batch jobs watch ${job.id}`,
    )
  }
  const outputs =
    flags.out === undefined ? outputSink(ctx.io.stdout) : await fileSink(cwd, flags.out, true)
  const errors = flags.errors === undefined ? outputs : await fileSink(cwd, flags.errors, true)
  const writer = createResultWriter(outputs, errors)
  const lines$ = client.batch.results$(job, { wait: flags.wait === true, watch: CLI_WATCH_OPTIONS })
  let usage: UsageSummary | undefined
  // each line is written as it streams; the totals come once the last one is through
  const written$ = lines$.pipe(
    tap((line) => writer.write(line, (warning) => writeLines(stderr, warning))),
    summarizeUsage(price === undefined ? {} : { price }),
  )
  const how = await closeAfter(
    writer,
    consumeUntilInterrupted(written$, ctx.io.interrupts, (summary) => (usage = summary)),
    (how) => how === 'completed',
  )
  if (how === 'interrupted') {
    writeLines(stderr, 'Interrupted: the results written so far are incomplete.')
    return EXIT_CODES.interrupted
  }
  const report =
    errors === outputs
      ? [`${plural(outputs.lines, 'result line')} to ${outputs.name}`]
      : [
          `${plural(outputs.lines, 'succeeded result')} to ${outputs.name}`,
          `${errors.lines} failed to ${errors.name}`,
        ]
  if (writer.unreadable > 0) report.push(`${writer.unreadable} unreadable`)
  writeLines(
    stderr,
    `Wrote ${report.join(', ')}`,
    ...(usage === undefined ? [] : formatUsage(usage)),
  )
  return EXIT_CODES.ok
}

/** Adds `results` to the program. */
export const registerResultsCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'results',
      "stream a finished job's result lines (output and error files, or inline outputs) as JSONL",
      `mistral-batch results ${EXAMPLE_ID.job} > results.jsonl`,
      `mistral-batch results ${EXAMPLE_ID.job} --out ok.jsonl --errors failed.jsonl`,
    )
    .idArgument('job')
    .option('--out <file>', 'succeeded results (default: stdout)')
    .option('--errors <file>', 'failed results (default: with the succeeded ones)')
    .option('--wait', 'wait for a job that has not finished yet')
  ctx.connected(withPriceOptions(command), (client, jobId: string, flags: ResultsFlags) =>
    results(ctx, client, jobId, flags),
  )
}
