// What Ctrl-C during a run does: cancel the jobs (asked, or by flag), or leave them and say how to resume.
import type { MistralBatchClient } from '../../index.js'
import { isInteractive, writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { describeError } from '../describeError.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { askYesNo } from './askYesNo.js'
import { alreadyFinished, cancelJob } from './cancelJob.js'

/** How to react to Ctrl-C. */
export interface InterruptOptions {
  /** `--cancel-on-exit`: cancel without asking. */
  readonly cancelOnExit: boolean
  /** Extra arguments of the printed resume command (e.g. `--out results.jsonl`). */
  readonly resumeArgs: ReadonlyArray<string>
}

const quote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`

/**
 * Cancels each job; resolves to the ids of those whose results can still be collected: the ones
 * that had already finished, and the ones that could not be cancelled.
 */
const cancelJobs = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  jobIds: ReadonlyArray<string>,
): Promise<string[]> => {
  const running: string[] = []
  for (const jobId of jobIds) {
    try {
      const outcome = await cancelJob(client, jobId)
      if (outcome.kind === 'cancelled') {
        writeLine(ctx.io.stderr, `Cancelled job ${jobId} (${outcome.job.status})`)
      } else {
        running.push(jobId)
        writeLine(ctx.io.stderr, `Not cancelled: ${alreadyFinished(outcome.job)}.`)
      }
    } catch (error) {
      running.push(jobId)
      writeLine(
        ctx.io.stderr,
        `error: could not cancel job ${jobId}: ${describeError(error, ctx.secrets).message}`,
      )
    }
  }
  return running
}

/**
 * After Ctrl-C stopped following the jobs: cancels them with `--cancel-on-exit`, asks on a
 * terminal, leaves them running otherwise; prints the resume command for the jobs still running
 * (none once all were cancelled). Resolves to 130.
 */
export const handleRunInterrupt = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  jobIds: ReadonlyArray<string>,
  options: InterruptOptions,
): Promise<ExitCode> => {
  const { stderr } = ctx.io
  writeLine(stderr, 'Interrupted.')
  if (jobIds.length === 0) {
    writeLine(stderr, 'No job was created: nothing is running.')
    return EXIT_CODES.interrupted
  }
  const jobs = jobIds.length === 1 ? `job ${jobIds[0]}` : `${jobIds.length} jobs`
  const cancel =
    options.cancelOnExit ||
    (isInteractive(ctx.io) && (await askYesNo(ctx.io, `Cancel ${jobs} on the server?`)))
  let running: ReadonlyArray<string> = jobIds
  if (cancel) running = await cancelJobs(ctx, client, jobIds)
  else writeLine(stderr, `Left ${jobs} running on the server.`)
  // A cancelled job has nothing left to follow: the hint is for the others.
  if (running.length > 0) {
    const resume = ['mistral-batch', 'resume', ...running, ...options.resumeArgs]
    writeLine(stderr, `Resume with: ${resume.map(quote).join(' ')}`)
  }
  return EXIT_CODES.interrupted
}
