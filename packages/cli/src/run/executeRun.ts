// A run from start to end as the command line does it: progress on stderr, results into their
// files (named after the input by default), the summary on stdout, or what Ctrl-C asks for.
import * as path from 'node:path'
import type { Observable } from 'rxjs'
import type { BatchEvent, CompletedEvent, MistralBatchClient } from 'mistral-batch-rx'
import { writeLines, type CliIo } from '../CliIo.js'
import { consumeUntilInterrupted } from './consumeUntilInterrupted.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { fileSink } from '../output/lineSinks.js'
import { closeAfter, createResultWriter, type ResultWriter } from '../output/resultWriter.js'
import { formatBytes, plural } from '../render/formatUnits.js'
import { createProgressView } from '../render/jobProgressView.js'
import { formatRunSummary, runSucceeded } from '../render/runSummary.js'
import { handleRunInterrupt } from './handleRunInterrupt.js'

/** What a command runs: the events of `runBatch$` or `resumeBatch$`, and where results go. */
export interface RunPlan {
  /** The run's events (cold: subscribed here). */
  readonly events: Observable<BatchEvent>
  /** How many requests the run sends, when known before the server counts them. */
  readonly requests?: number | undefined
  /** Arguments the resume command printed on Ctrl-C needs besides the result files. */
  readonly resumeArgs?: ReadonlyArray<string>
  /** Where result lines are written (closed here). */
  readonly writer: ResultWriter
  /** What Ctrl-C does, given the ids of the jobs created so far; resolves to the exit code. */
  readonly onInterrupt: (jobIds: ReadonlyArray<string>) => Promise<ExitCode>
}

/** How a followed run ended: its completed event, or the jobs it had created by Ctrl-C. */
type RunOutcome =
  | { readonly kind: 'completed'; readonly completed: CompletedEvent }
  | { readonly kind: 'interrupted'; readonly jobIds: ReadonlyArray<string> }

// Jobs of a sharded run may be in different states; show each state once.
const combinedStatus = (statuses: ReadonlyMap<string, string>): string =>
  [...new Set(statuses.values())].join('/')

/** Follows the events until completed or Ctrl-C (then unsubscribes; the jobs keep running unless
 * the caller cancels them); progress counts out of `requests` until the server has counted them. */
const followRun = async (
  io: CliIo,
  { events, writer, requests = 0 }: RunPlan,
): Promise<RunOutcome> => {
  const view = createProgressView(io.stderr)
  const statuses = new Map<string, string>()
  let jobIds: ReadonlyArray<string> = []
  let completed: CompletedEvent | undefined
  const onEvent = (event: BatchEvent): void => {
    switch (event.type) {
      case 'uploaded':
        return view.note(
          `Uploaded ${event.file.filename}: ${plural(event.requests, 'request')}, ` +
            `${formatBytes(event.file.bytes)} (file ${event.file.id})`,
        )
      case 'created':
        jobIds = event.jobIds
        statuses.set(event.job.id, event.job.status)
        return view.note(`Created job ${event.job.id} (${event.job.status})`)
      case 'retrying':
        return view.note(
          `Retrying ${plural(event.requests, 'failed request')} (attempt ${event.attempt})`,
        )
      case 'progress':
        statuses.set(event.job.id, event.job.status)
        return view.update({
          ...event.totals,
          status: combinedStatus(statuses),
          // A job reports 0 requests until the server has validated its input.
          total_requests: Math.max(event.totals.total_requests, requests),
        })
      case 'result':
        return writer.write(event.result, (line) => view.note(line))
      case 'completed':
        completed = event
    }
  }
  const how = await consumeUntilInterrupted(events, io.interrupts, onEvent).finally(() =>
    view.stop(),
  )
  if (how === 'interrupted') return { kind: 'interrupted', jobIds }
  if (completed === undefined) throw new Error('the run ended without its completed event')
  return { kind: 'completed', completed }
}

/** Runs the plan and prints the summary; exits 0 when every job succeeded with nothing failed or
 * missing, 1 otherwise, or with what `onInterrupt` resolves to on Ctrl-C. */
export const executeRun = async (ctx: CommandContext, plan: RunPlan): Promise<ExitCode> => {
  const outcome = await closeAfter(
    plan.writer,
    followRun(ctx.io, plan),
    (o) => o.kind === 'completed',
  )
  if (outcome.kind === 'interrupted') return plan.onInterrupt(outcome.jobIds)
  const { jobs, summary } = outcome.completed
  writeLines(ctx.io.stdout, ...formatRunSummary(jobs, summary, plan.writer))
  return runSucceeded(jobs, summary) ? EXIT_CODES.ok : EXIT_CODES.jobFailed
}

/** `data/batch.jsonl` -> `data/batch.results.jsonl` and `data/batch.errors.jsonl`. */
export const resultPathsFor = (input: string): { out: string; errors: string } => {
  const ext = path.extname(input)
  const stem = ext === '.jsonl' || ext === '.json' ? input.slice(0, -ext.length) : input
  return { out: `${stem}.results.jsonl`, errors: `${stem}.errors.jsonl` }
}

/** The flags `run` and `resume` share: where results go, and what Ctrl-C does. */
export type ResultFileFlags = {
  readonly out?: string
  readonly errors?: string
  readonly cancelOnExit?: boolean
}

/** Runs into the result files (`--errors` opened only when given or a line fails); on Ctrl-C
 * cancels or leaves the jobs, printing a resume command that writes to the same files. */
export const runIntoFiles = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  plan: Pick<RunPlan, 'events' | 'requests' | 'resumeArgs'>,
  flags: ResultFileFlags,
  defaults: { readonly out: string; readonly errors: string },
): Promise<ExitCode> => {
  const out = flags.out ?? defaults.out
  const errors = flags.errors ?? defaults.errors
  const outputs = await fileSink(ctx.io.cwd, out, true)
  const errorSink = await fileSink(ctx.io.cwd, errors, flags.errors !== undefined)
  return executeRun(ctx, {
    ...plan,
    writer: createResultWriter(outputs, errorSink),
    onInterrupt: (jobIds) =>
      handleRunInterrupt(ctx, client, jobIds, {
        cancelOnExit: flags.cancelOnExit === true,
        resumeArgs: ['--out', out, '--errors', errors, ...(plan.resumeArgs ?? [])],
      }),
  })
}
