// `mistral-batch jobs ...`: list, get, watch, cancel and delete batch jobs.
import type { Command } from 'commander'
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs'
import { BATCH_JOB_STATUSES, type BatchJob, isTerminalStatus } from '../../index.js'
import { collect, oneOf, positiveInteger } from '../argParsers.js'
import { CliError } from '../CliError.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { withExamples } from '../commandHelp.js'
import { withConnectionOptions, type ConnectionFlags } from '../connection.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { formatJobDetail, formatJobTable } from '../render/jobViews.js'
import { alreadyFinished, cancelJob } from '../run/cancelJob.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { watchWithProgress } from '../run/watchWithProgress.js'

interface ListFlags extends ConnectionFlags {
  readonly status?: string[]
  readonly model?: string
  readonly limit: number
  readonly json?: boolean
}

interface JsonFlags extends ConnectionFlags {
  readonly json?: boolean
}

interface WatchFlags extends ConnectionFlags, IntervalFlags {}

const jobStatus = oneOf(BATCH_JOB_STATUSES)

const DEFAULT_LIST_LIMIT = 20

const printJson = (ctx: CommandContext, value: unknown): void =>
  writeLine(ctx.io.stdout, JSON.stringify(value, null, 2))

/** The exit code that a job in this final state deserves. */
const exitCodeOfJob = (job: BatchJob): ExitCode =>
  job.status === 'SUCCESS' && job.failed_requests === 0 ? EXIT_CODES.ok : EXIT_CODES.jobFailed

const list = async (ctx: CommandContext, flags: ListFlags): Promise<ExitCode> => {
  const { client } = ctx.connect(flags)
  const jobs = await lastValueFrom(
    client.batch
      .list$({
        ...(flags.status === undefined ? {} : { status: flags.status }),
        ...(flags.model === undefined ? {} : { model: flags.model }),
        page_size: Math.min(flags.limit, 100),
      })
      .pipe(take(flags.limit), toArray()),
  )
  if (flags.json === true) printJson(ctx, jobs)
  else if (jobs.length === 0) writeLine(ctx.io.stdout, 'No jobs.')
  else for (const line of formatJobTable(jobs)) writeLine(ctx.io.stdout, line)
  return EXIT_CODES.ok
}

const get = async (ctx: CommandContext, jobId: string, flags: JsonFlags): Promise<ExitCode> => {
  const { client } = ctx.connect(flags)
  const job = await firstValueFrom(client.batch.get$(jobId))
  if (flags.json === true) printJson(ctx, job)
  else for (const line of formatJobDetail(job)) writeLine(ctx.io.stdout, line)
  return EXIT_CODES.ok
}

const watch = async (ctx: CommandContext, jobId: string, flags: WatchFlags) => {
  const { client } = ctx.connect(flags)
  const outcome = await watchWithProgress(ctx.io, client, jobId, watchOptionsFor(flags))
  if (outcome.kind === 'interrupted') {
    writeLine(ctx.io.stderr, `Stopped watching; job ${jobId} keeps running on the server.`)
    writeLine(ctx.io.stderr, `Watch it again with: mistral-batch jobs watch ${jobId}`)
    return EXIT_CODES.interrupted
  }
  const job = outcome.job
  writeLine(
    ctx.io.stdout,
    `Job ${job.id} ${job.status}: ${job.succeeded_requests} succeeded, ` +
      `${job.failed_requests} failed of ${job.total_requests}`,
  )
  if (isTerminalStatus(job.status) && job.output_file !== null && job.output_file !== undefined) {
    writeLine(ctx.io.stdout, `Get the results with: mistral-batch results ${job.id}`)
  }
  return exitCodeOfJob(job)
}

const cancel = async (ctx: CommandContext, jobId: string, flags: ConnectionFlags) => {
  const { client } = ctx.connect(flags)
  const outcome = await cancelJob(client, jobId)
  if (outcome.kind === 'finished') {
    throw new CliError(`${alreadyFinished(outcome.job)}: nothing to cancel`, EXIT_CODES.usage)
  }
  writeLine(ctx.io.stdout, `Job ${outcome.job.id}: ${outcome.job.status}`)
  return EXIT_CODES.ok
}

const remove = async (ctx: CommandContext, jobId: string, flags: ConnectionFlags) => {
  const { client } = ctx.connect(flags)
  const deleted = await firstValueFrom(client.batch.delete$(jobId))
  writeLine(ctx.io.stdout, `Deleted job ${deleted.id}`)
  return EXIT_CODES.ok
}

/** Adds `jobs list|get|watch|cancel|delete` to the program. */
export const registerJobsCommands = (program: Command, ctx: CommandContext): void => {
  const jobs = withExamples(
    program.command('jobs').description('list, inspect, watch, cancel and delete batch jobs'),
    'mistral-batch jobs list --status RUNNING --limit 10',
    'mistral-batch jobs watch 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f',
  )

  withExamples(
    withConnectionOptions(
      jobs
        .command('list')
        .description('list batch jobs, newest first, as a table (or JSON)')
        .option(
          '--status <status...>',
          `only jobs in these statuses (${BATCH_JOB_STATUSES.join(', ')})`,
          (raw: string, previous?: string[]) => collect(jobStatus(raw), previous),
        )
        .option('--model <model>', 'only jobs of this model')
        .option('--limit <n>', 'at most this many jobs', positiveInteger, DEFAULT_LIST_LIMIT)
        .option('--json', 'print the jobs as JSON'),
    ),
    'mistral-batch jobs list --status RUNNING --status QUEUED --limit 50',
    'mistral-batch jobs list --model mistral-small-latest --json',
  ).action(ctx.action((flags: ListFlags) => list(ctx, flags)))

  withExamples(
    withConnectionOptions(
      jobs
        .command('get')
        .description('show one job: status, counters, files, times')
        .argument('<jobId>', 'the job id')
        .option('--json', 'print the job as JSON'),
    ),
    'mistral-batch jobs get 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f --json',
  ).action(ctx.action((jobId: string, flags: JsonFlags) => get(ctx, jobId, flags)))

  withExamples(
    withConnectionOptions(
      withIntervalOption(
        jobs
          .command('watch')
          .description('follow a job with a progress bar until it ends (exit 1 unless SUCCESS)')
          .argument('<jobId>', 'the job id'),
      ),
    ),
    'mistral-batch jobs watch 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f',
    'mistral-batch jobs watch 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f --interval 10',
  ).action(ctx.action((jobId: string, flags: WatchFlags) => watch(ctx, jobId, flags)))

  withExamples(
    withConnectionOptions(
      jobs
        .command('cancel')
        .description('ask the server to cancel a job (exit 2 if it had already finished)')
        .argument('<jobId>', 'the job id'),
    ),
    'mistral-batch jobs cancel 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f',
  ).action(ctx.action((jobId: string, flags: ConnectionFlags) => cancel(ctx, jobId, flags)))

  withExamples(
    withConnectionOptions(
      jobs.command('delete').description('delete a job').argument('<jobId>', 'the job id'),
    ),
    'mistral-batch jobs delete 0b6c3d5e-8f1a-4c2b-9d7e-1a2b3c4d5e6f',
  ).action(ctx.action((jobId: string, flags: ConnectionFlags) => remove(ctx, jobId, flags)))
}
