// `mistral-batch run <input.jsonl>`: check, upload, create, follow, write results, summarize.
import * as path from 'node:path'
import { isInvalidRequestError } from 'mistral-batch-rx'
import { integerFrom, keyValuePair } from '../argParsers.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext, CommandHandler } from '../CommandContext.js'
import type { CliCommand } from '../CliCommand.js'
import { usageError } from '../exitCodes.js'
import { checkInputFile, inputRequests } from '../input/checkInputFile.js'
import { plural } from '../render/formatUnits.js'
import { type IntervalFlags, watchOptionsFor, withIntervalOption } from '../run/cliWatchOptions.js'
import { resultPathsFor, runIntoFiles, type ResultFileFlags } from '../run/executeRun.js'

interface RunFlags extends ResultFileFlags, IntervalFlags {
  readonly endpoint: string
  readonly model?: string
  readonly metadata?: Record<string, string>
  readonly timeoutHours?: number
  readonly inline?: boolean
}

/** The most hours a job may run, as the API allows. */
const MAX_TIMEOUT_HOURS = 168

const run: CommandHandler<[input: string, flags: RunFlags]> = async (ctx, client, input, flags) => {
  const inputPath = path.resolve(ctx.io.cwd, input)
  const { requests, lines } = await checkInputFile(inputPath)
  writeLines(ctx.io.stderr, `Read ${plural(requests, 'request')} from ${input}`)
  const events = client.runBatch$(inputRequests(inputPath), {
    job: {
      endpoint: flags.endpoint,
      ...(flags.model === undefined ? {} : { model: flags.model }),
      ...(flags.metadata === undefined ? {} : { metadata: flags.metadata }),
      ...(flags.timeoutHours === undefined ? {} : { timeout_hours: flags.timeoutHours }),
    },
    mode: flags.inline === true ? 'inline' : 'file',
    filename: path.basename(input),
    watch: watchOptionsFor(flags),
  })
  try {
    return await runIntoFiles(ctx, client, { events, requests }, flags, resultPathsFor(input))
  } catch (error) {
    // A request the client refuses is named by its line in the file rather than its index.
    if (!isInvalidRequestError(error) || error.field?.startsWith('requests[') !== true) throw error
    throw usageError(`${input}: ${lines.inLines(error.message)}`)
  }
}

/** Adds `run` to the program. */
export const registerRunCommand = (program: CliCommand, ctx: CommandContext): void => {
  const command = program
    .subcommand(
      'run',
      'run a JSONL file of requests as a batch job: upload, create, show progress, ' +
        'write results as they stream, print a summary (exit 1 unless every request succeeded)',
      'mistral-batch run requests.jsonl --endpoint /v1/chat/completions --model mistral-small-latest',
      'mistral-batch run requests.jsonl --endpoint /v1/embeddings --model mistral-embed --out vectors.jsonl --metadata project=search',
    )
    .argument('<input.jsonl>', 'one request a line: {"custom_id": "1", "body": {...}}')
    .requiredOption('--endpoint <endpoint>', 'endpoint of every request, e.g. /v1/chat/completions')
    .option('--model <model>', 'model (may be left out when every body names one)')
    .option('--out <file>', 'succeeded results (default: <input>.results.jsonl)')
    .option('--errors <file>', 'failed results (default: <input>.errors.jsonl, only if any)')
    .option('--metadata <key=value...>', 'labels stored with the job', keyValuePair)
    .option(
      '--timeout-hours <n>',
      `hours before the job times out (1..${MAX_TIMEOUT_HOURS}, default 24)`,
      integerFrom(1, MAX_TIMEOUT_HOURS),
    )
    .option('--inline', 'send the requests in the create call instead of a file (up to 10,000)')
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the job without asking')
  ctx.connected(withIntervalOption(command), (client, input: string, flags: RunFlags) =>
    run(ctx, client, input, flags),
  )
}
