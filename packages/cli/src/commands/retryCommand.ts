// `mistral-batch retry <jobId...>`: send the failed rows of finished jobs again in new jobs, their
// inputs read back from the jobs' input files, and write every request's last result as run does.
import { firstValueFrom } from 'rxjs'
import { ATTEMPT_METADATA_KEY, isTerminalStatus, type BatchJob } from 'mistral-batch-rx'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import { EXAMPLE_ID, type CliCommand } from '../CliCommand.js'
import { usageError } from '../exitCodes.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { resultPathsFor, runIntoFiles, type ResultFileFlags } from '../run/executeRun.js'
import { attemptsOption } from '../run/retryFailedOption.js'

type RetryFlags = ResultFileFlags & IntervalFlags & { readonly maxAttempts?: number }

/** The round a job was made in by a run with retries (`batch_attempt`), 1 for any other job. */
const attemptOf = (job: BatchJob): number => {
  const tag = job.metadata?.[ATTEMPT_METADATA_KEY]
  const attempt = typeof tag === 'string' ? /^([1-9][0-9]?):/.exec(tag)?.[1] : undefined
  return attempt === undefined ? 1 : Number(attempt)
}

const retry: CommandHandler<[jobIds: string[], flags: RetryFlags]> = async (
  ctx,
  client,
  jobIds,
  flags,
) => {
  const jobs: BatchJob[] = []
  for (const jobId of jobIds) jobs.push(await firstValueFrom(client.batch.get$(jobId)))
  const running = jobs.find((job) => !isTerminalStatus(job.status))
  if (running !== undefined) {
    throw usageError(
      `job ${running.id} is ${running.status}, not finished: follow it to its end with ` +
        `mistral-batch resume ${jobIds.join(' ')} --retry-failed <attempts>`,
    )
  }
  const made = Math.max(...jobs.map(attemptOf))
  const maxAttempts = flags.maxAttempts ?? made + 1
  if (maxAttempts <= made) {
    throw usageError(
      `--max-attempts ${maxAttempts}: the jobs already made attempt ${made}, so nothing would ` +
        `be sent again; pass at least ${made + 1}`,
    )
  }
  const retryFailed = { maxAttempts }
  const events = client.resumeBatch$(jobIds, { watch: watchOptionsFor(flags), retryFailed })
  const plan = { events, resumeArgs: ['--retry-failed', String(maxAttempts)] }
  return runIntoFiles(ctx, client, plan, flags, resultPathsFor(`${jobIds[0] ?? 'batch'}.jsonl`))
}

/** Adds `retry` to the program. */
export const registerRetryCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'retry',
      'send again, in new jobs, the requests of finished jobs whose result failed with 429 or ' +
        '5xx or that got none (their inputs read back from the input files), then write every ' +
        "request's last result as run does",
      `mistral-batch retry ${EXAMPLE_ID.job}`,
      `mistral-batch retry ${EXAMPLE_ID.job} --max-attempts 3 --out results.jsonl`,
    )
    .argument('<jobId...>', 'the finished jobs (every job of a sharded run)')
    .option(
      '--max-attempts <n>',
      'attempts in all, the jobs given counting as the first (default: one more than they made)',
      attemptsOption,
    )
    .option('--out <file>', 'succeeded results (default: <first jobId>.results.jsonl)')
    .option('--errors <file>', 'failed results (default: <first jobId>.errors.jsonl, only if any)')
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the new jobs without asking')
  ctx.connected(withIntervalOption(command), (client, jobIds: string[], flags: RetryFlags) =>
    retry(ctx, client, jobIds, flags),
  )
}
