// What Ctrl-C during a run does: cancel the jobs (asked, or by flag) or leave them, then say how to resume.
import { firstValueFrom } from 'rxjs'
import type { MistralBatchClient } from '../../index.js'
import { isInteractive, writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { describeError } from '../describeError.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { askYesNo } from './askYesNo.js'

/** How to react to Ctrl-C. */
export interface InterruptOptions {
  /** `--cancel-on-exit`: cancel without asking. */
  readonly cancelOnExit: boolean
  /** Extra arguments of the printed resume command (e.g. `--out results.jsonl`). */
  readonly resumeArgs: ReadonlyArray<string>
}

const quote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`

const cancelJobs = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  jobIds: ReadonlyArray<string>,
): Promise<void> => {
  for (const jobId of jobIds) {
    try {
      const job = await firstValueFrom(client.batch.cancel$(jobId))
      writeLine(ctx.io.stderr, `Cancelled job ${job.id} (${job.status})`)
    } catch (error) {
      writeLine(
        ctx.io.stderr,
        `error: could not cancel job ${jobId}: ${describeError(error, ctx.secrets).message}`,
      )
    }
  }
}

/**
 * After Ctrl-C stopped following the jobs: cancels them with `--cancel-on-exit`, asks on a
 * terminal, leaves them running otherwise; always prints the resume command. Resolves to 130.
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
  if (cancel) await cancelJobs(ctx, client, jobIds)
  else writeLine(stderr, `Left ${jobs} running on the server.`)
  const resume = ['mistral-batch', 'resume', ...jobIds, ...options.resumeArgs].map(quote).join(' ')
  writeLine(stderr, `Resume with: ${resume}`)
  return EXIT_CODES.interrupted
}
