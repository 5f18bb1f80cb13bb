// `mistral-batch jobs cancel`: one job by its id, or every unfinished job matching filters, listed
// and confirmed first (asked on a terminal, `--yes` elsewhere), each one's outcome reported.
import { lastValueFrom, toArray } from 'rxjs'
import {
  BATCH_JOB_STATUSES,
  isTerminalStatus,
  type BatchJob,
  type BatchJobStatus,
  type ListBatchJobsFilters,
  type MistralBatchClient,
} from 'mistral-batch-rx'
import { keyValuePair, oneOf } from '../argParsers.js'
import { isInteractive, writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { describeError } from '../describeError.js'
import { EXIT_CODES, usageError, type ExitCode } from '../exitCodes.js'
import { plural } from '../render/formatUnits.js'
import { formatJobTable } from '../render/resourceViews.js'
import { alreadyFinished, askYesNo, cancelJob } from '../run/handleRunInterrupt.js'

type CancelFlags = {
  readonly status?: BatchJobStatus[]
  readonly model?: string
  readonly metadata?: Record<string, string>
  readonly yes?: boolean
}

const jobStatus = oneOf(BATCH_JOB_STATUSES)

const filtersOf = (flags: CancelFlags): ListBatchJobsFilters | undefined => {
  const filters: ListBatchJobsFilters = {
    ...(flags.status === undefined ? {} : { status: flags.status }),
    ...(flags.model === undefined ? {} : { model: flags.model }),
    ...(flags.metadata === undefined ? {} : { metadata: flags.metadata }),
  }
  return Object.keys(filters).length === 0 ? undefined : filters
}

const cancelOne = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  jobId: string,
): Promise<ExitCode> => {
  const { kind, job } = await cancelJob(client, jobId)
  if (kind === 'finished') throw usageError(`${alreadyFinished(job)}: nothing to cancel`)
  writeLines(ctx.io.stdout, `Job ${job.id}: ${job.status}`)
  return EXIT_CODES.ok
}

/** Whether the user agrees to cancel `jobs`: `--yes`, or a yes on a terminal; else a usage error. */
const confirmed = async (ctx: CommandContext, jobs: BatchJob[], yes: boolean): Promise<boolean> => {
  const { stderr } = ctx.io
  writeLines(stderr, `${plural(jobs.length, 'job')} to cancel:`, ...formatJobTable(jobs))
  if (yes) return true
  if (!isInteractive(ctx.io)) {
    throw usageError(
      `not cancelling ${plural(jobs.length, 'job')} without a confirmation: there is no ` +
        'terminal to ask on, pass --yes to cancel them',
    )
  }
  return askYesNo(ctx.io, `Cancel ${jobs.length === 1 ? 'this job' : `these ${jobs.length} jobs`}?`)
}

const cancelMatching = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  filters: ListBatchJobsFilters,
  yes: boolean,
): Promise<ExitCode> => {
  const { stdout, stderr } = ctx.io
  const matching = await lastValueFrom(client.batch.list$(filters).pipe(toArray()))
  // a finished job cannot be cancelled: only the others are asked about
  const open = matching.filter((job) => !isTerminalStatus(job.status))
  const finished = matching.length - open.length
  const skipped = finished === 0 ? '' : ` (${plural(finished, 'finished job')} left as they are)`
  if (open.length === 0) {
    writeLines(stdout, `No unfinished job matches${skipped}.`)
    return EXIT_CODES.ok
  }
  if (!(await confirmed(ctx, open, yes))) {
    writeLines(stderr, 'Nothing cancelled.')
    return EXIT_CODES.ok
  }
  let failures = 0
  for (const { id } of open) {
    try {
      const { kind, job } = await cancelJob(client, id)
      writeLines(
        stdout,
        kind === 'cancelled'
          ? `Cancelled job ${id} (${job.status})`
          : `Not cancelled: ${alreadyFinished(job)}`,
      )
    } catch (error) {
      failures++
      writeLines(
        stderr,
        `error: could not cancel job ${id}: ${describeError(error, ctx.secrets).message}`,
      )
    }
  }
  writeLines(
    stderr,
    `${plural(open.length - failures, 'job')} cancelled or already finished, ${failures} failed${skipped}`,
  )
  return failures === 0 ? EXIT_CODES.ok : EXIT_CODES.http
}

/** Adds `jobs cancel` to `jobs`. */
export const addJobsCancel = (jobs: CliCommand, ctx: CommandContext): void => {
  const cancel = jobs
    .subcommand(
      'cancel',
      'ask the server to cancel a job (exit 2 if it had already finished), or every unfinished ' +
        'job matching --status, --model and --metadata, listed and confirmed first ' +
        '(exit 4 if a cancel failed)',
      `mistral-batch jobs cancel ${EXAMPLE_ID.job}`,
      'mistral-batch jobs cancel --status RUNNING --metadata team=search --model mistral-small-latest',
      'mistral-batch jobs cancel --status QUEUED --yes',
    )
    .argument('[jobId]', 'the job id (or filters instead)')
    .option(
      '--status <status...>',
      `only jobs in these statuses (${BATCH_JOB_STATUSES.join(', ')})`,
      (raw: string, previous: BatchJobStatus[] = []) => [...previous, jobStatus(raw)],
    )
    .option('--model <model>', 'only jobs of this model')
    .option('--metadata <key=value...>', 'only jobs with these metadata entries', keyValuePair)
    .option('--yes', 'cancel the matching jobs without asking')
  ctx.connected(cancel, async (client, jobId: string | undefined, flags: CancelFlags) => {
    const filters = filtersOf(flags)
    if (jobId !== undefined && filters !== undefined) {
      throw usageError('give a job id or filters (--status, --model, --metadata), not both')
    }
    if (jobId !== undefined) return cancelOne(ctx, client, jobId)
    if (filters === undefined) {
      throw usageError(
        'give the id of the job to cancel, or filters: --status, --model, --metadata',
      )
    }
    return cancelMatching(ctx, client, filters, flags.yes === true)
  })
}
