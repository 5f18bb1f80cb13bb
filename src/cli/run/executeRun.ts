// A run from start to end as the command line does it: follow, write, summarize, or handle Ctrl-C.
import type { Observable } from 'rxjs'
import type { BatchEvent, CompletedEvent } from '../../index.js'
import { writeLine } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import type { ResultWriter } from '../output/resultWriter.js'
import { formatRunSummary, runSucceeded } from '../render/runSummary.js'
import { followRun } from './followRun.js'

/** What a command runs: the events of `runBatch$` or `resumeBatch$`, and where results go. */
export interface RunPlan {
  /** The run's events (cold: subscribed here). */
  readonly events: Observable<BatchEvent>
  /** How many requests the run sends, when known before the server counts them. */
  readonly requests?: number | undefined
  /** Where result lines are written (closed here). */
  readonly writer: ResultWriter
  /** What Ctrl-C does, given the ids of the jobs created so far; resolves to the exit code. */
  readonly onInterrupt: (jobIds: ReadonlyArray<string>) => Promise<ExitCode>
}

/** The exit code of a run, and its completed event when it got that far. */
export interface RunResult {
  readonly exitCode: ExitCode
  readonly completed: CompletedEvent | undefined
}

/**
 * Runs the plan: progress on stderr, results into the writer, then the summary on stdout; exit
 * code 0 when every job succeeded with nothing failed or missing, 1 otherwise, 130 on Ctrl-C.
 */
export const executeRun = async (ctx: CommandContext, plan: RunPlan): Promise<RunResult> => {
  let outcome
  try {
    outcome = await followRun(ctx.io, plan.events, plan.writer, plan.requests)
  } catch (error) {
    await plan.writer.close(false).catch(() => undefined)
    throw error
  }
  await plan.writer.close(outcome.kind === 'completed')
  if (outcome.kind === 'interrupted') {
    return { exitCode: await plan.onInterrupt(outcome.jobIds), completed: undefined }
  }
  const { jobs, summary } = outcome.completed
  for (const line of formatRunSummary(jobs, summary, plan.writer)) writeLine(ctx.io.stdout, line)
  return {
    exitCode: runSucceeded(jobs, summary) ? EXIT_CODES.ok : EXIT_CODES.jobFailed,
    completed: outcome.completed,
  }
}
