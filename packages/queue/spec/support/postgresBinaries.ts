// Where the Postgres server programs (initdb, pg_ctl) of the queue's tests are: PG_BIN, else
// pg_config's bindir, else Debian's newest /usr/lib/postgresql/<version>/bin. None: say how to fix.
import { execFileSync } from 'node:child_process'
import { accessSync, constants, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Where `postgresBinaries` looks; the defaults are this machine's. */
export interface PostgresSearch {
  /**
   * The environment read for `PG_BIN`, and whose PATH is searched for `pg_config`.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv
  /** Debian's root of versioned server installs. @default '/usr/lib/postgresql' */
  readonly debianRoot?: string
}

const hasInitdb = (dir: string): boolean => {
  try {
    accessSync(join(dir, 'initdb'), constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** pg_config's bindir, or undefined when there is no pg_config on PATH. */
const pgConfigBindir = (env: NodeJS.ProcessEnv): string | undefined => {
  try {
    return execFileSync('pg_config', ['--bindir'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

const debianBindirs = (root: string): string[] => {
  try {
    return readdirSync(root)
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
      .map((version) => join(root, version, 'bin'))
  } catch {
    return []
  }
}

/** The directory holding initdb and pg_ctl; throws, saying what was tried and how to fix it. */
export const postgresBinaries = ({
  env = process.env,
  debianRoot = '/usr/lib/postgresql',
}: PostgresSearch = {}): string => {
  const fix =
    "install Debian's postgresql (apt-get install postgresql) or set PG_BIN to the directory of " +
    'initdb and pg_ctl; under CI, .ci/run installs it'
  const pgBin = env.PG_BIN
  if (pgBin !== undefined && pgBin !== '') {
    if (hasInitdb(pgBin)) return pgBin
    throw new Error(
      `The queue's tests need a Postgres server, and PG_BIN (${pgBin}) has no initdb. To fix: ${fix}`,
    )
  }
  // Debian's /usr/bin/pg_config is libpq-dev's when no server-dev package is installed: its
  // bindir is /usr/bin, which has no initdb, so a bindir counts only if initdb is there.
  const bindir = pgConfigBindir(env)
  if (bindir !== undefined && hasInitdb(bindir)) return bindir
  const debian = debianBindirs(debianRoot).find(hasInitdb)
  if (debian !== undefined) return debian
  const pgConfig =
    bindir === undefined ? 'no pg_config on PATH' : `pg_config's bindir (${bindir}) has no initdb`
  throw new Error(
    `The queue's tests need a Postgres server, and there is none: PG_BIN is not set, ${pgConfig}, ` +
      `no ${debianRoot}/*/bin has initdb. To fix: ${fix}`,
  )
}
