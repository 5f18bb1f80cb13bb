// `mistral-batch run <input.jsonl>`: check, upload, create, follow, write results, summarize.
import * as path from 'node:path'
import { isInvalidRequestError } from 'mistral-batch-rx'
import { writeLines } from '../CliIo.js'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import type { CliCommand } from '../CliCommand.js'
import { usageError } from '../exitCodes.js'
import { checkInputFile, inputRequests } from '../input/checkInputFile.js'
import { plural } from '../render/formatUnits.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { resultPathsFor, runIntoFiles, type ResultFileFlags } from '../run/executeRun.js'
import { jobFieldsOf, withJobFieldOptions, type JobFieldFlags } from '../run/jobFieldOptions.js'
import { pricesOf, withPriceOptions, type PriceFlags } from '../run/priceOptions.js'
import {
  retryFailedArgs,
  retryFailedOf,
  withRetryFailedOption,
  type RetryFailedFlags,
} from '../run/retryFailedOption.js'

interface RunFlags
  extends ResultFileFlags, IntervalFlags, JobFieldFlags, RetryFailedFlags, PriceFlags {
  readonly inline?: boolean
}

const run: CommandHandler<[input: string, flags: RunFlags]> = async (ctx, client, input, flags) => {
  const inputPath = path.resolve(ctx.io.cwd, input)
  const { requests, lines } = await checkInputFile(inputPath)
  writeLines(ctx.io.stderr, `Read ${plural(requests, 'request')} from ${input}`)
  const price = await pricesOf(ctx.io.cwd, flags)
  const events = client.runBatch$(inputRequests(inputPath), {
    job: jobFieldsOf(flags),
    ...(price === undefined ? {} : { price }),
    mode: flags.inline === true ? 'inline' : 'file',
    filename: path.basename(input),
    watch: watchOptionsFor(flags),
    ...retryFailedOf(flags),
  })
  try {
    const plan = { events, requests, resumeArgs: retryFailedArgs(flags) }
    return await runIntoFiles(ctx, client, plan, flags, resultPathsFor(input))
  } catch (error) {
    // A request the client refuses is named by its line in the file rather than its index.
    if (!isInvalidRequestError(error) || error.field?.startsWith('requests[') !== true) throw error
    throw usageError(`${input}: ${lines.inLines(error.message)}`)
  }
}

/** Adds `run` to the program. */
export const registerRunCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = withJobFieldOptions(
    program.subcommand(
      'run',
      'run a JSONL file of requests as a batch job: upload, create, show progress, ' +
        'write results as they stream, print a summary (exit 1 unless every request succeeded)',
      'mistral-batch run requests.jsonl --endpoint /v1/chat/completions --model mistral-small-latest',
      'mistral-batch run requests.jsonl --endpoint /v1/embeddings --model mistral-embed --out vectors.jsonl --metadata project=search',
      'mistral-batch run requests.jsonl --endpoint /v1/chat/completions --model mistral-small-latest --retry-failed 2',
    ),
  )
    .argument('<input.jsonl>', 'one request a line: {"custom_id": "1", "body": {...}}')
    .option('--out <file>', 'succeeded results (default: <input>.results.jsonl)')
    .option('--errors <file>', 'failed results (default: <input>.errors.jsonl, only if any)')
    .option('--inline', 'send the requests in the create call instead of a file (up to 10,000)')
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the job without asking')
  ctx.connected(
    withPriceOptions(withRetryFailedOption(withIntervalOption(command))),
    (client, input: string, flags: RunFlags) => run(ctx, client, input, flags),
  )
}
