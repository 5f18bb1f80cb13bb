// `mistral-batch queue ...`: a durable queue of requests (@mistral-batch-rx/queue) from the shell:
// enqueue a file, run a worker, read the results, count.
import { createReadStream } from 'node:fs'
import * as path from 'node:path'
import type { CliCommand } from '../CliCommand.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, usageError, type ExitCode } from '../exitCodes.js'
import { assertReadableFile } from '../input/checkInputFile.js'
import { nonBlankLines, type NumberedLine } from '../input/nonBlankLines.js'
import { queueItemOf } from '../input/queueItems.js'
import { enqueueLines } from '../queue/enqueueLines.js'
import { withQueueOptions, type QueueFlags } from '../queue/queueLocation.js'
import { usingQueue } from '../queue/usingQueue.js'
import { formatQueueStats } from '../render/queueViews.js'
import { addQueueResults } from './queueResultsCommand.js'
import { addQueueRun } from './queueRunCommand.js'
import { printValue, type JsonFlags } from './resourceCommands.js'

/** The lines of `input` (a file, checked in full first, or stdin for none or `-`), and its name. */
const inputLines = async (
  ctx: CommandContext,
  input: string | undefined,
): Promise<{ lines: AsyncIterable<NumberedLine>; where: string }> => {
  if (input === undefined || input === '-') {
    if (ctx.io.stdin.isTTY === true) {
      writeLines(ctx.io.stderr, 'Reading requests from stdin, one a line (Ctrl-D to end)')
    }
    return { lines: nonBlankLines(ctx.io.stdin), where: 'stdin' }
  }
  const file = path.resolve(ctx.io.cwd, input)
  await assertReadableFile(file)
  // As `run` does: a file with an invalid line enqueues nothing. Stdin cannot be read twice.
  for await (const { lineNumber, text } of nonBlankLines(createReadStream(file, 'utf8'))) {
    const item = queueItemOf(text)
    if (typeof item === 'string') {
      throw usageError(`${input}: line ${lineNumber}: ${item}; nothing was enqueued`)
    }
  }
  return { lines: nonBlankLines(createReadStream(file, 'utf8')), where: input }
}

const enqueue = async (
  ctx: CommandContext,
  input: string | undefined,
  flags: QueueFlags,
): Promise<ExitCode> => {
  const { lines, where } = await inputLines(ctx, input)
  return usingQueue(ctx, flags, {}, async (queue) => {
    const { added, duplicates } = await enqueueLines(queue, lines, where)
    writeLines(ctx.io.stdout, `added ${added}, duplicates ${duplicates}`)
    return EXIT_CODES.ok
  })
}

/** Adds `queue stats|enqueue|run|results` to the program. */
export const registerQueueCommands = (program: CliCommand, ctx: CommandContext): void => {
  const queue = program.subcommand(
    'queue',
    'a durable queue of requests, on PGlite here or a Postgres server: enqueue, run a worker, ' +
      'read the results',
    'mistral-batch queue enqueue requests.jsonl',
    'mistral-batch queue run --endpoint /v1/chat/completions --model mistral-small-latest --until-done',
    'mistral-batch queue results > results.jsonl',
  )

  const stats = withQueueOptions(
    queue.subcommand(
      'stats',
      "the queue's counts: requests pending, in a job, done; results delivered; jobs",
      'mistral-batch queue stats',
      'mistral-batch queue stats --postgres postgres://app@db.internal/app --name reviews --json',
    ),
  ).option('--json', 'print the counts as JSON')
  ctx.action(stats, (flags: QueueFlags & JsonFlags) =>
    usingQueue(ctx, flags, {}, async (opened, label) =>
      printValue(ctx.io.stdout, flags, await opened.stats(), (counts) =>
        formatQueueStats(flags.name, label, counts),
      ),
    ),
  )

  const enqueueCommand = withQueueOptions(
    queue.subcommand(
      'enqueue',
      'store the requests of a JSONL file (or stdin) in the queue, in calls of 1,000; an id ' +
        'already there is stored once',
      'mistral-batch queue enqueue requests.jsonl',
      'generate-requests | mistral-batch queue enqueue --name reviews',
    ),
  ).argument('[input.jsonl]', 'one request a line: {"id": "1", "body": {...}} (default: stdin)')
  ctx.action(enqueueCommand, (input: string | undefined, flags: QueueFlags) =>
    enqueue(ctx, input, flags),
  )

  addQueueRun(queue, ctx)
  addQueueResults(queue, ctx)
}
