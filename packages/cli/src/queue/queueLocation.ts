// Where a `mistral-batch queue` command finds its queue: a Postgres server (--postgres, or the
// environment), else a PGlite data dir; the database password hidden before anything is opened.
import * as path from 'node:path'
import type { Command } from 'commander'
import type { CommandContext } from '../CommandContext.js'
import { given } from '../connection.js'
import { usageError } from '../exitCodes.js'

/** The flags of every queue command. */
export type QueueFlags = {
  readonly postgres?: string
  readonly dataDir?: string
  readonly name: string
}

/** The data dir when neither --postgres nor --data-dir is given: the queue package's default. */
const DEFAULT_DATA_DIR = '.mistral-batch-queue'

/** The environment variable of the Postgres URL: better than a flag for a password (`ps` shows flags). */
const POSTGRES_ENV = 'MISTRAL_BATCH_QUEUE_POSTGRES'

/**
 * Adds `--postgres`, `--data-dir` and `--name` to a queue command, and `--verbose` unless it is
 * `connected` (the connection options add it).
 */
export const withQueueOptions = <C extends Command>(command: C, connected = false): C => {
  command
    .option(
      '--postgres <url>',
      `the queue's Postgres server, postgres://user:password@host/db (default: $${POSTGRES_ENV})`,
    )
    .option(
      '--data-dir <dir>',
      `the queue's PGlite folder, for one process at a time (default: ${DEFAULT_DATA_DIR}, ` +
        'when no Postgres is given)',
    )
    .option('--name <name>', 'the queue, of those sharing the database', 'default')
  return connected ? command : command.option('--verbose', 'print stack traces of errors')
}

/** A queue's database, and its name in messages (the password masked once printed). */
export type QueueLocation =
  | { readonly engine: 'postgres'; readonly url: string; readonly label: string }
  | { readonly engine: 'pglite'; readonly dir: string; readonly label: string }

/** The passwords in a Postgres URL (its user info, a `password` parameter), or all of it if it does not parse. */
const passwordsIn = (url: string): string[] => {
  try {
    const parsed = new URL(url)
    return [decodeURIComponent(parsed.password), ...parsed.searchParams.getAll('password')]
  } catch {
    return [url]
  }
}

/**
 * The database of `flags`: `--postgres`, else `--data-dir`, else the environment's Postgres, else
 * the default data dir, under the working directory. Its passwords are hidden from then on.
 */
export const queueLocation = (ctx: CommandContext, flags: QueueFlags): QueueLocation => {
  if (flags.postgres !== undefined && flags.dataDir !== undefined) {
    throw usageError('give --postgres or --data-dir, not both')
  }
  const url =
    flags.dataDir === undefined
      ? (given(flags.postgres) ?? given(ctx.io.env[POSTGRES_ENV]))
      : undefined
  if (url !== undefined) {
    for (const password of passwordsIn(url)) if (password !== '') ctx.hide(password)
    return { engine: 'postgres', url, label: `Postgres at ${url}` }
  }
  const dir = flags.dataDir ?? DEFAULT_DATA_DIR
  return { engine: 'pglite', dir: path.resolve(ctx.io.cwd, dir), label: `PGlite in ${dir}` }
}
