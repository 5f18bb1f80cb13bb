// `mistral-batch queue run`: a worker of the queue in the foreground, a line for each thing it
// does, until Ctrl-C (or, with --until-done, until no request waits for a result).
import type { MistralBatchClient } from 'mistral-batch-rx'
import { takeUntil } from 'rxjs'
import { integerFrom, intervalSeconds, positiveInteger, waitSeconds } from '../argParsers.js'
import type { CliCommand } from '../CliCommand.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { describeError } from '../describeError.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { withQueueOptions, type QueueFlags } from '../queue/queueLocation.js'
import { statsUntil } from '../queue/statsUntil.js'
import { usingQueue } from '../queue/usingQueue.js'
import { formatQueueEvent } from '../render/queueViews.js'
import { consumeUntilInterrupted } from '../run/consumeUntilInterrupted.js'
import { jobFieldsOf, withJobFieldOptions, type JobFieldFlags } from '../run/jobFieldOptions.js'

interface QueueRunFlags extends QueueFlags, JobFieldFlags {
  readonly maxBatchSize?: number
  readonly maxWait?: number
  readonly maxAttempts?: number
  readonly interval?: number
  readonly untilDone?: boolean
}

/** Seconds as the queue's milliseconds, or undefined for its default. */
const ms = (seconds: number | undefined) =>
  seconds === undefined ? undefined : Math.round(seconds * 1000)

const run = (ctx: CommandContext, client: MistralBatchClient, flags: QueueRunFlags) =>
  usingQueue(
    ctx,
    flags,
    {
      client,
      job: jobFieldsOf(flags),
      maxBatchSize: flags.maxBatchSize,
      maxWaitMs: ms(flags.maxWait),
      maxAttempts: flags.maxAttempts,
      watch: { intervalMs: ms(flags.interval) },
    },
    async (queue, label): Promise<ExitCode> => {
      const { stdout, stderr } = ctx.io
      writeLines(
        stderr,
        `Worker of queue ${flags.name} (${label}): jobs to ${flags.endpoint}` +
          (flags.model === undefined ? '' : ` with ${flags.model}`),
        flags.untilDone === true
          ? 'It stops once no request is pending or in a job; Ctrl-C stops it sooner.'
          : 'Press Ctrl-C to stop.',
      )
      const events$ = queue.run$()
      const done$ = statsUntil(queue, (s) => s.pending + s.inJob + s.jobs.open === 0)
      const how = await consumeUntilInterrupted(
        flags.untilDone === true ? events$.pipe(takeUntil(done$)) : events$,
        ctx.io.interrupts,
        (event) =>
          writeLines(
            stdout,
            formatQueueEvent(event, (error) => describeError(error, ctx.secrets).message),
          ),
      )
      writeLines(
        stderr,
        how === 'interrupted'
          ? 'Stopped: the jobs this worker held go to the next worker.'
          : 'Done: no request is pending or in a job.',
      )
      // Stopping is how a worker ends: Ctrl-C (or SIGTERM from a supervisor) is no failure.
      return EXIT_CODES.ok
    },
  )

/** Adds `queue run` to `queue`. */
export const addQueueRun = (queue: CliCommand, ctx: CommandContext): void => {
  const command = withJobFieldOptions(
    queue.subcommand(
      'run',
      'run a worker in the foreground: pending requests into jobs, jobs followed, their results ' +
        'stored; a line for each job created or collected; until Ctrl-C (or --until-done)',
      'mistral-batch queue run --endpoint /v1/chat/completions --model mistral-small-latest',
      'mistral-batch queue run --endpoint /v1/embeddings --model mistral-embed --max-wait 5 --until-done',
    ),
  )
    .option(
      '--max-batch-size <n>',
      'the most requests in one job (default: 10000)',
      positiveInteger,
    )
    .option(
      '--max-wait <seconds>',
      'the longest the oldest pending request waits before a smaller job is sent (default: 60)',
      waitSeconds,
    )
    .option(
      '--max-attempts <n>',
      'jobs a request may be in: a 429 or 5xx line, or none from a job that did not succeed, ' +
        'queues it again until then (default: 3)',
      integerFrom(1, 100),
    )
    .option(
      '--interval <seconds>',
      'poll each open job every this many seconds (default: 5)',
      intervalSeconds,
    )
    .option('--until-done', 'stop once no request is pending or in a job')
  ctx.connected(withQueueOptions(command, true), (client, flags: QueueRunFlags) =>
    run(ctx, client, flags),
  )
}
