// `mistral-batch queue results`: the queue's results not yet acknowledged, as JSONL on stdout,
// each acknowledged only once its line has left this process.
import type { QueuedResult } from '@mistral-batch-rx/queue'
import {
  NEVER,
  bufferTime,
  concatMap,
  filter,
  identity,
  lastValueFrom,
  merge,
  reduce,
  take,
  takeUntil,
  tap,
} from 'rxjs'
import { positiveInteger } from '../argParsers.js'
import type { CliCommand } from '../CliCommand.js'
import { writeLines } from '../CliIo.js'
import type { CommandContext } from '../CommandContext.js'
import { EXIT_CODES, type ExitCode } from '../exitCodes.js'
import { queuedResultJson } from '../output/resultWriter.js'
import { withQueueOptions, type QueueFlags } from '../queue/queueLocation.js'
import { statsUntil } from '../queue/statsUntil.js'
import { usingQueue } from '../queue/usingQueue.js'
import { plural } from '../render/formatUnits.js'

type QueueResultsFlags = QueueFlags & { readonly limit?: number; readonly follow?: boolean }

/** The most results handed to this reader at once: the queue's default, in pages of it. */
const MAX_UNACKED = 1_000

/** Results that arrive within this many ms go out in one write (and are acknowledged in one statement). */
const WRITE_EVERY_MS = 20

const results = (ctx: CommandContext, flags: QueueResultsFlags) =>
  // no more handed out than asked for: the rest stay free for other readers
  usingQueue(
    ctx,
    flags,
    { maxUnacked: Math.min(flags.limit ?? MAX_UNACKED, MAX_UNACKED) },
    async (queue): Promise<ExitCode> => {
      const { stdout, stderr } = ctx.io
      // Acknowledged once their lines have left this process: dying before hands them out again.
      const writeThenAck = async (results: QueuedResult[]) => {
        stdout.write(results.map((result) => `${queuedResultJson(result)}\n`).join(''))
        await ctx.flushed()
        await Promise.all(results.map((result) => result.ack()))
        return results.length
      }
      let interrupted = false
      const stop$ = merge(
        ctx.io.interrupts.pipe(tap(() => (interrupted = true))),
        // without --follow, once every stored result is acknowledged (some by other readers)
        flags.follow === true ? NEVER : statsUntil(queue, (s) => s.delivered >= s.done),
      )
      const written = await lastValueFrom(
        queue.results$().pipe(
          flags.limit === undefined ? identity : take(flags.limit),
          // stopping ends the stream: the results already handed to this reader are written
          takeUntil(stop$),
          bufferTime(WRITE_EVERY_MS),
          filter((results) => results.length > 0),
          concatMap(writeThenAck),
          reduce((sum, count) => sum + count, 0),
        ),
      )
      writeLines(stderr, `${plural(written, 'result')} written and acknowledged`)
      if (!interrupted || flags.follow === true) return EXIT_CODES.ok
      writeLines(stderr, 'Interrupted: the results not written stay in the queue.')
      return EXIT_CODES.interrupted
    },
  )

/** Adds `queue results` to `queue`. */
export const addQueueResults = (queue: CliCommand, ctx: CommandContext): void => {
  const command = withQueueOptions(
    queue.subcommand(
      'results',
      "stream the queue's results not yet acknowledged as JSONL, each acknowledged once " +
        'written; until none is left (or, with --follow, until Ctrl-C)',
      'mistral-batch queue results > results.jsonl',
      'mistral-batch queue results --follow --name reviews | ./store-outcomes',
    ),
  )
    .option('--limit <n>', 'stop after this many results', positiveInteger)
    .option('--follow', 'keep waiting for results until Ctrl-C')
  ctx.action(command, (flags: QueueResultsFlags) => results(ctx, flags))
}
