// How the command line polls jobs: quick at first so the bar moves, never more than every 5 s,
// or every `--interval` seconds when given.
import type { Command } from 'commander'
import type { WatchJobOptions } from 'mistral-batch-rx'
import { intervalSeconds } from '../argParsers.js'

/** The watch options of every command that follows a job, without `--interval`. */
export const CLI_WATCH_OPTIONS: WatchJobOptions = {
  intervalMs: 500,
  backoff: 1.5,
  maxIntervalMs: 5000,
}

/** The flag of the commands that follow jobs. */
export type IntervalFlags = { readonly interval?: number }

/** Adds `--interval <seconds>` to a command that follows jobs. */
export const withIntervalOption = (command: Command): Command =>
  command.option(
    '--interval <seconds>',
    'poll the job every this many seconds (default: 0.5, slowing to 5 while nothing changes)',
    intervalSeconds,
  )

/** The watch options for `--interval`: a fixed wait between polls, or the defaults. */
export const watchOptionsFor = (flags: IntervalFlags): WatchJobOptions => {
  if (flags.interval === undefined) return CLI_WATCH_OPTIONS
  const intervalMs = Math.round(flags.interval * 1000)
  return { intervalMs, backoff: 1, maxIntervalMs: intervalMs }
}
