// `mistral-batch results <jobId>`: stream a finished job's result lines to stdout or files.
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as path from 'node:path'
import { firstValueFrom } from 'rxjs'
import { isTerminalStatus } from '../../index.js'
import { CliError } from '../CliError.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { withExamples } from '../commandHelp.js'
import { withConnectionOptions, type ConnectionFlags } from '../connection.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { fileSink, outputSink, type LineSink } from '../output/lineSinks.js'
import { createResultWriter } from '../output/resultWriter.js'
import { plural } from '../render/plural.js'
import { CLI_WATCH_OPTIONS } from '../run/cliWatchOptions.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'

interface ResultsFlags extends ConnectionFlags {
  readonly out?: string
  readonly errors?: string
  readonly wait?: boolean
}

/** Unreadable lines reported one by one; the rest are counted. */
const SHOWN_WARNINGS = 3

const results = async (
  ctx: CommandContext,
  jobId: string,
  flags: ResultsFlags,
): Promise<ExitCode> => {
  const { client } = ctx.connect(flags)
  const job = await firstValueFrom(client.batch.get$(jobId))
  if (!isTerminalStatus(job.status) && flags.wait !== true) {
    throw new CliError(
      `job ${job.id} is ${job.status}, not finished: wait with --wait, or watch it with ` +
        `mistral-batch jobs watch ${job.id}`,
      EXIT_CODES.usage,
    )
  }
  const open = (p: string): Promise<LineSink> =>
    fileSink(path.resolve(ctx.io.cwd, p), p, { mustExist: true })
  const outputs = flags.out === undefined ? outputSink(ctx.io.stdout) : await open(flags.out)
  const errors = flags.errors === undefined ? outputs : await open(flags.errors)
  const writer = createResultWriter(outputs, errors)
  let unreadable = 0
  let how
  try {
    how = await consumeUntilInterrupted(
      client.batch.results$(job, { wait: flags.wait === true, watch: CLI_WATCH_OPTIONS }),
      ctx.io.interrupts,
      (line) => {
        if (E.isRight(line)) return writer.write(line.right)
        if (unreadable++ < SHOWN_WARNINGS) writeLine(ctx.io.stderr, `warning: ${line.left.message}`)
      },
    )
  } catch (error) {
    await writer.close(false).catch(() => undefined)
    throw error
  }
  await writer.close(how === 'completed')
  if (how === 'interrupted') {
    writeLine(ctx.io.stderr, 'Interrupted: the results written so far are incomplete.')
    return EXIT_CODES.interrupted
  }
  const report =
    errors === outputs
      ? [`${plural(outputs.lines, 'result line')} to ${outputs.name}`]
      : [
          `${plural(outputs.lines, 'succeeded result')} to ${outputs.name}`,
          `${errors.lines} failed to ${errors.name}`,
        ]
  if (unreadable > 0) report.push(`${unreadable} unreadable`)
  writeLine(ctx.io.stderr, `Wrote ${report.join(', ')}`)
  return EXIT_CODES.ok
}

/** Adds `results` to the program. */
export const registerResultsCommand = (program: Command, ctx: CommandContext): void => {
  withExamples(
    withConnectionOptions(
      program
        .command('results')
        .description(
          "stream a finished job's result lines (output and error files, or inline outputs) as JSONL",
        )
        .argument('<jobId>', 'the job id')
        .option('--out <file>', 'succeeded results (default: stdout)')
        .option('--errors <file>', 'failed results (default: with the succeeded ones)')
        .option('--wait', 'wait for a job that has not finished yet'),
    ),
    'mistral-batch results 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f > results.jsonl',
    'mistral-batch results 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f --out ok.jsonl --errors failed.jsonl',
  ).action(ctx.action((jobId: string, flags: ResultsFlags) => results(ctx, jobId, flags)))
}
