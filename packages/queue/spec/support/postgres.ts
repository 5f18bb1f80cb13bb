// A throwaway Postgres cluster for the queue's tests: initdb into a temp dir, its own port and
// socket dir, trust auth, no fsync. Postgres refuses to run as root, so as root the cluster's
// programs run as the `postgres` user, through runuser (util-linux, on every Debian).
import { execFile, spawn } from 'node:child_process'
import { chown, mkdtemp, readFile } from 'node:fs/promises'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { escapeIdentifier } from 'pg'
import { closedPort } from '../../../../spec/support/httpServer.js'
import { postgresBinaries } from './postgresBinaries.js'
import { withClient } from './withClient.js'

/** A running throwaway cluster. */
export interface TestPostgres {
  /** Its `postgres` database as the superuser: `postgres://postgres@127.0.0.1:PORT/postgres`. */
  readonly url: string
  /** Creates a fresh database (`name`, else `test_1`, `test_2`, …) and resolves with its URL. */
  createDatabase(name?: string): Promise<string>
  /** Stops the server (immediate mode: no test needs a clean shutdown) and removes its dir. */
  stop(): Promise<void>
}

/** A command line: the program, then its arguments. */
type Command = [program: string, ...args: string[]]

/** Runs `command` and resolves with its stdout; rejects with its stderr in the message. */
const run = async (command: Command): Promise<string> =>
  (await promisify(execFile)(command[0], command.slice(1))).stdout

/** The `postgres` user's ids, for the temp dir its server will own. */
const postgresUser = async (): Promise<{ uid: number; gid: number }> => {
  try {
    const [, , uid, gid] = (await run(['getent', 'passwd', 'postgres'])).split(':')
    return { uid: Number(uid), gid: Number(gid) }
  } catch {
    throw new Error(
      "The queue's tests run as root, where Postgres refuses to run, and there is no postgres " +
        "user to run it as. To fix: install Debian's postgresql (apt-get install postgresql), " +
        'which creates it, or run the tests as another user',
    )
  }
}

// The stopper is a shell that reads its stdin until EOF, which comes when stop() ends it or when
// this process dies, however it dies (SIGKILL included); then it stops the server and removes the
// dir. A process 'exit' listener could not do this under jest: a test file gets a copy of
// `process` whose events the real process never emits. It is detached (a session of its own), so
// a Ctrl-C to the test run cannot kill it before it has done its work.
const STOPPER = [
  'dir=$1; shift',
  'while read -r _; do :; done',
  '"$@"; status=$?',
  'rm -rf -- "$dir" || status=1',
  'exit $status',
].join('\n')

/**
 * Arms the stopper of `dir`, to run `stop` then remove `dir`. Returns stop(): it ends the stopper's
 * stdin and resolves once both are done (the same promise however often it is called).
 */
const armStopper = (dir: string, stop: Command): (() => Promise<void>) => {
  const stopper = spawn('sh', ['-c', STOPPER, 'stopper', dir, ...stop], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
  })
  // Its pipes are sockets: unreferenced, they let a test run that never calls stop() still end.
  const handles = [stopper, stopper.stdin as Socket, stopper.stderr as Socket]
  for (const handle of handles) handle.unref()
  let stderr = ''
  stopper.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const closed = new Promise<number | null>((resolve, reject) => {
    stopper.once('close', resolve)
    stopper.once('error', reject)
  })
  let stopped: Promise<void> | undefined
  return () =>
    (stopped ??= (async () => {
      for (const handle of handles) handle.ref()
      stopper.stdin.end()
      const code = await closed
      if (code !== 0) {
        throw new Error(`Stopping the test cluster in ${dir} failed (${code}): ${stderr.trim()}`)
      }
    })())
}

// initdb: --no-sync, as nothing need survive a crash; --locale=C, for the same collation whatever
// LANG the machine has (and a LANG whose locale is not installed would fail initdb).
const INITDB_OPTIONS = ['-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']

// The server: TCP on 127.0.0.1 only, its Unix socket in its own dir (not /var/run/postgresql),
// no fsync; 200 connections, for specs that run many workers with a pool each. pg_ctl hands these
// to a shell, hence the quotes.
const serverOptions = (port: number, dir: string): string =>
  [
    `-p ${port}`,
    `-k '${dir}'`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c max_connections=200',
  ].join(' ')

/** Starts the server on a free port; a port taken between its choice and the start costs a retry. */
const startOnFreePort = async (
  dir: string,
  pgCtl: (...args: string[]) => Command,
): Promise<number> => {
  const log = join(dir, 'log')
  const logText = (): Promise<string> => readFile(log, 'utf8').catch(() => '')
  for (let attempt = 1; ; attempt++) {
    const port = await closedPort()
    const before = (await logText()).length
    try {
      await run(
        pgCtl('-D', dir, '-l', log, '-o', serverOptions(port, dir), '-w', '-t', '30', 'start'),
      )
      return port
    } catch (error) {
      const logged = (await logText()).slice(before)
      if (attempt < 3 && logged.includes('Address already in use')) continue
      throw new Error(`The test cluster in ${dir} did not start: ${String(error)}\n${logged}`, {
        cause: error,
      })
    }
  }
}

/** Starts a throwaway cluster; it is stopped and removed by `stop()`, or when this process ends. */
export const startTestPostgres = async (): Promise<TestPostgres> => {
  const bin = postgresBinaries()
  const owner = process.getuid?.() === 0 ? await postgresUser() : undefined
  const asOwner = (program: string, ...args: string[]): Command =>
    owner === undefined
      ? [join(bin, program), ...args]
      : ['runuser', '-u', 'postgres', '--', join(bin, program), ...args]
  const pgCtl = (...args: string[]): Command => asOwner('pg_ctl', ...args)
  const dir = await mkdtemp(join(tmpdir(), 'queue-pg-'))
  const stop = armStopper(dir, pgCtl('-D', dir, 'stop', '-m', 'immediate', '-w', '-t', '30'))
  try {
    if (owner !== undefined) await chown(dir, owner.uid, owner.gid)
    await run(asOwner('initdb', '-D', dir, ...INITDB_OPTIONS))
    const port = await startOnFreePort(dir, pgCtl)
    const urlOf = (database: string): string =>
      `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`
    let databases = 0
    return {
      url: urlOf('postgres'),
      createDatabase: async (name = `test_${++databases}`) => {
        await withClient(urlOf('postgres'), (client) =>
          client.query(`CREATE DATABASE ${escapeIdentifier(name)}`),
        )
        return urlOf(name)
      },
      stop,
    }
  } catch (error) {
    // The start's failure is what the test must see; the stopper only cleans up after it.
    await stop().catch(() => undefined)
    throw error
  }
}
