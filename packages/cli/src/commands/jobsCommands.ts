// `mistral-batch jobs ...`: list, get, watch, cancel and delete batch jobs.
import { BATCH_JOB_STATUSES, isTerminalStatus, type BatchJob } from 'mistral-batch-rx'
import { oneOf } from '../argParsers.js'
import { writeLines } from '../CliIo.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { EXIT_CODES } from '../exitCodes.js'
import { createProgressView } from '../render/jobProgressView.js'
import { formatJobDetail, formatJobTable } from '../render/resourceViews.js'
import { jobOutcome } from '../render/runSummary.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { addJobsCancel } from './jobsCancelCommand.js'
import { addDelete, addGet, addList, type ListFlags } from './resourceCommands.js'

type JobListFlags = ListFlags & { readonly status?: string[]; readonly model?: string }

const jobStatus = oneOf(BATCH_JOB_STATUSES)

const JOB = EXAMPLE_ID.job

const filtersOf = (flags: JobListFlags) => ({
  ...(flags.status === undefined ? {} : { status: flags.status }),
  ...(flags.model === undefined ? {} : { model: flags.model }),
  page_size: Math.min(flags.limit, 100),
})

/** Follows `jobId` with the progress view to its end, or until Ctrl-C stops the watch. */
const watch: CommandHandler<[jobId: string, flags: IntervalFlags]> = async (
  ctx,
  client,
  jobId,
  flags,
) => {
  const { stdout, stderr } = ctx.io
  const view = createProgressView(stderr)
  let job: BatchJob | undefined
  const how = await consumeUntilInterrupted(
    client.batch.watchJob$(jobId, watchOptionsFor(flags)),
    ctx.io.interrupts,
    (snapshot) => {
      job = snapshot
      view.update(snapshot)
    },
  ).finally(() => view.stop())
  if (how === 'interrupted' || job === undefined) {
    writeLines(
      stderr,
      `Stopped watching; job ${jobId} keeps running on the server.`,
      `Watch it again with: mistral-batch jobs watch ${jobId}`,
    )
    return EXIT_CODES.interrupted
  }
  writeLines(stdout, jobOutcome(job))
  if (isTerminalStatus(job.status) && job.output_file !== null && job.output_file !== undefined) {
    writeLines(stdout, `Get the results with: mistral-batch results ${job.id}`)
  }
  return job.status === 'SUCCESS' && job.failed_requests === 0
    ? EXIT_CODES.ok
    : EXIT_CODES.jobFailed
}

/** Adds `jobs list` with its filters. */
const addJobsList = (jobs: CliCommand, ctx: CommandContext): void => {
  const list = jobs
    .subcommand(
      'list',
      'list batch jobs, newest first, as a table (or JSON)',
      'mistral-batch jobs list --status RUNNING --status QUEUED --limit 50',
      'mistral-batch jobs list --model mistral-small-latest --json',
    )
    .option(
      '--status <status...>',
      `only jobs in these statuses (${BATCH_JOB_STATUSES.join(', ')})`,
      (raw: string, previous: string[] = []) => [...previous, jobStatus(raw)],
    )
    .option('--model <model>', 'only jobs of this model')
  addList(
    ctx,
    list,
    'jobs',
    (client, flags: JobListFlags) => client.batch.list$(filtersOf(flags)),
    formatJobTable,
  )
}

/** Adds `jobs list|get|watch|cancel|delete` to the program. */
export const registerJobsCommands = (program: CliCommand, ctx: CommandContext): void => {
  const jobs = program.subcommand(
    'jobs',
    'list, inspect, watch, cancel and delete batch jobs',
    'mistral-batch jobs list --status RUNNING --limit 10',
    `mistral-batch jobs watch ${JOB}`,
  )

  addJobsList(jobs, ctx)

  const get = jobs.subcommand(
    'get',
    'show one job: status, counters, files, times',
    `mistral-batch jobs get ${JOB} --json`,
  )
  addGet(ctx, get, 'job', (client, id) => client.batch.get$(id), formatJobDetail)

  const watchCommand = jobs
    .subcommand(
      'watch',
      'follow a job with a progress bar until it ends (exit 1 unless SUCCESS)',
      `mistral-batch jobs watch ${JOB}`,
      `mistral-batch jobs watch ${JOB} --interval 10`,
    )
    .idArgument('job')
  ctx.connected(withIntervalOption(watchCommand), (client, jobId: string, flags: IntervalFlags) =>
    watch(ctx, client, jobId, flags),
  )

  addJobsCancel(jobs, ctx)

  addDelete(ctx, jobs, 'job', (client, id) => client.batch.delete$(id))
}
