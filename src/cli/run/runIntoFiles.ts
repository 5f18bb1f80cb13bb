// A run or resume written into result files: open them, follow the events, handle Ctrl-C.
import * as path from 'node:path'
import type { Observable } from 'rxjs'
import type { BatchEvent, MistralBatchClient } from '../../index.js'
import type { CommandContext } from '../CommandContext.js'
import type { ExitCode } from '../exitCodes.js'
import { fileSink } from '../output/lineSinks.js'
import type { ResultPaths } from '../output/outputPaths.js'
import { createResultWriter } from '../output/resultWriter.js'
import { executeRun } from './executeRun.js'
import { handleRunInterrupt } from './handleRunInterrupt.js'

/** The flags `run` and `resume` share: where results go, and what Ctrl-C does. */
export interface ResultFileFlags {
  readonly out?: string
  readonly errors?: string
  readonly cancelOnExit?: boolean
}

/**
 * Opens the result files (`--out` always, `--errors` only when given or when a line fails), runs
 * the events into them, and on Ctrl-C cancels or leaves the jobs, printing a resume command that
 * writes to the same files. `requests` is the number of requests sent, when known. Resolves to
 * the exit code.
 */
export const runIntoFiles = async (
  ctx: CommandContext,
  client: MistralBatchClient,
  events: Observable<BatchEvent>,
  flags: ResultFileFlags,
  defaults: ResultPaths,
  requests?: number,
): Promise<ExitCode> => {
  const resolve = (p: string) => path.resolve(ctx.io.cwd, p)
  const out = flags.out ?? defaults.out
  const errors = flags.errors ?? defaults.errors
  const outputs = await fileSink(resolve(out), out, { mustExist: true })
  const errorSink = await fileSink(resolve(errors), errors, {
    mustExist: flags.errors !== undefined,
  })
  const result = await executeRun(ctx, {
    events,
    requests,
    writer: createResultWriter(outputs, errorSink),
    onInterrupt: (jobIds) =>
      handleRunInterrupt(ctx, client, jobIds, {
        cancelOnExit: flags.cancelOnExit === true,
        resumeArgs: ['--out', out, '--errors', errors],
      }),
  })
  return result.exitCode
}
