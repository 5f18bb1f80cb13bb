// How the command line polls jobs: quick at first so the bar moves, never more than every 5 s.
import type { WatchJobOptions } from '../../index.js'

/** The watch options of every command that follows a job. */
export const CLI_WATCH_OPTIONS: WatchJobOptions = {
  intervalMs: 500,
  backoff: 1.5,
  maxIntervalMs: 5000,
}
