// Cancelling jobs: one, unless it has already finished; or those of a run on Ctrl-C (asked on a
// terminal, where anything but y or yes means no, or by flag), else leaving them with how to resume.
import { createInterface } from 'node:readline'
import { firstValueFrom } from 'rxjs'
import { isTerminalStatus, type BatchJob, type MistralBatchClient } from 'mistral-batch-rx'
import { isInteractive, writeLines, type CliIo } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { describeError } from '../describeError.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'

const CANCEL_STATUSES: ReadonlyArray<string> = ['CANCELLATION_REQUESTED', 'CANCELLED']

/** Cancels `jobId`, or resolves `finished` when it had already ended (even between the look and the
 * cancel): a cancel would change nothing, and its answer would read like a success. */
export const cancelJob = async (
  client: MistralBatchClient,
  jobId: string,
): Promise<{ readonly kind: 'cancelled' | 'finished'; readonly job: BatchJob }> => {
  const current = await firstValueFrom(client.batch.get$(jobId))
  if (isTerminalStatus(current.status)) return { kind: 'finished', job: current }
  const job = await firstValueFrom(client.batch.cancel$(jobId))
  const ended = isTerminalStatus(job.status) && !CANCEL_STATUSES.includes(job.status)
  return { kind: ended ? 'finished' : 'cancelled', job }
}

/** `Job <id> had already finished (SUCCESS)`. */
export const alreadyFinished = (job: BatchJob): string =>
  `job ${job.id} had already finished (${job.status})`

/** How to react to Ctrl-C: `--cancel-on-exit`, and the extra arguments of the resume command. */
type InterruptOptions = {
  readonly cancelOnExit: boolean
  readonly resumeArgs: ReadonlyArray<string>
}

/** Asks `question` (with ` [y/N] ` appended) and resolves true only for `y` or `yes`. */
export const askYesNo = (io: CliIo, question: string): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const output = io.stderr as NodeJS.WritableStream
    const prompt = createInterface({ input: io.stdin, output, terminal: true })
    let settled = false
    const settle = (answer: boolean) => {
      if (settled) return
      settled = true
      prompt.close()
      resolve(answer)
    }
    // On a terminal readline takes Ctrl-C itself: a second one answers no.
    prompt.on('SIGINT', () => settle(false))
    prompt.on('close', () => settle(false))
    prompt.question(`${question} [y/N] `, (answer) => settle(/^y(es)?$/i.test(answer.trim())))
  })

const quote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`

/** Cancels each job; resolves to the ids whose results can still be collected (already finished,
 * or not cancellable). */
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
        writeLines(ctx.io.stderr, `Cancelled job ${jobId} (${outcome.job.status})`)
      } else {
        running.push(jobId)
        writeLines(ctx.io.stderr, `Not cancelled: ${alreadyFinished(outcome.job)}.`)
      }
    } catch (error) {
      running.push(jobId)
      const why = describeError(error, ctx.secrets).message
      writeLines(ctx.io.stderr, `error: could not cancel job ${jobId}: ${why}`)
    }
  }
  return running
}

/** After Ctrl-C: cancels the jobs with `--cancel-on-exit`, asks on a terminal, else leaves them,
 * and prints the resume command for those still running. Resolves to 130. */
export const handleRunInterrupt = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  jobIds: ReadonlyArray<string>,
  options: InterruptOptions,
): Promise<ExitCode> => {
  const { stderr } = ctx.io
  writeLines(stderr, 'Interrupted.')
  if (jobIds.length === 0) {
    writeLines(stderr, 'No job was created: nothing is running.')
    return EXIT_CODES.interrupted
  }
  const jobs = jobIds.length === 1 ? `job ${jobIds[0]}` : `${jobIds.length} jobs`
  const cancel =
    options.cancelOnExit ||
    (isInteractive(ctx.io) && (await askYesNo(ctx.io, `Cancel ${jobs} on the server?`)))
  let running: ReadonlyArray<string> = jobIds
  if (cancel) running = await cancelJobs(ctx, client, jobIds)
  else writeLines(stderr, `Left ${jobs} running on the server.`)
  // A cancelled job has nothing left to follow: the hint is for the others.
  if (running.length > 0) {
    const resume = ['mistral-batch', 'resume', ...running, ...options.resumeArgs]
    writeLines(stderr, `Resume with: ${resume.map(quote).join(' ')}`)
  }
  return EXIT_CODES.interrupted
}
