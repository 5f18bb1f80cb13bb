// startTestPostgres against the real thing: a server that answers at its URL, fresh databases,
// row locks that SKIP LOCKED skips, and an end (stop(), the test process killed, or a failed
// start) that leaves no server and no dir behind.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'
import type { Client } from 'pg'
import { within } from '../../../../spec/support/httpContext.js'
import { startTestPostgres, type TestPostgres } from './postgres.js'
import { withClient } from './withClient.js'

const root = join(__dirname, '..', '..', '..', '..')

const rows = async <R>(url: string, sql: string): Promise<R[]> =>
  withClient(url, async (client) => (await client.query<R & object>(sql)).rows)

/** The cluster's dir, as its server names it. */
const dataDirectory = async (url: string): Promise<string> => {
  const [row] = await rows<{ data_directory: string }>(url, 'show data_directory')
  if (row === undefined) throw new Error('show data_directory returned no row')
  return row.data_directory
}

const connecting = (url: string): Promise<void> => withClient(url, async () => undefined)

/** Resolves once `dir` no longer exists: woken by its parent's change events, never by a timer. */
const removalOf = (dir: string): Promise<void> =>
  new Promise((resolve) => {
    const check = (): void => {
      if (existsSync(dir)) return
      watcher.close()
      resolve()
    }
    const watcher = watch(dirname(dir), check).unref()
    check()
  })

/** A node process that starts a cluster, prints its URL and lives until its stdin ends. */
const clusterInChild = async (): Promise<{ child: ChildProcess; url: string }> => {
  const { outputFiles } = await build({
    stdin: {
      contents: [
        "import { startTestPostgres } from './postgres'",
        'void startTestPostgres().then((pg) => console.log(pg.url))',
        'process.stdin.resume()',
      ].join('\n'),
      resolveDir: __dirname,
      sourcefile: 'clusterInChild.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['pg'],
    write: false,
    logLevel: 'error',
  })
  const code = outputFiles[0]?.text ?? ''
  // From the project's folder, so that the bundle's require('pg') finds its node_modules.
  const child = spawn(process.execPath, ['-e', code], { cwd: root })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text
      if (stdout.includes('\n')) resolve(stdout.trim())
    })
    child.once('exit', (status) => reject(new Error(`the child exited (${status}): ${stderr}`)))
  })
  try {
    return { child, url: await within(url, 20_000, () => `the child's cluster URL (${stderr})`) }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}

describe('startTestPostgres', () => {
  let pg: TestPostgres | undefined
  const cluster = (): TestPostgres => {
    if (pg === undefined) throw new Error('the cluster of this describe did not start')
    return pg
  }
  beforeAll(async () => {
    pg = await startTestPostgres()
  })
  afterAll(() => pg?.stop())

  it('serves its URL: a PostgreSQL server, and we are its superuser postgres', async () => {
    const { url } = cluster()
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/)
    const [row] = await rows<{ version: string; who: string }>(
      url,
      'select version(), current_user as who',
    )
    expect(row?.version).toMatch(/^PostgreSQL \d+/)
    expect(row?.who).toBe('postgres')
  })

  it('createDatabase makes a fresh database each time and resolves with its URL', async () => {
    const first = await cluster().createDatabase()
    const second = await cluster().createDatabase()
    const named = await cluster().createDatabase('queue spec')
    expect(named).toBe(cluster().url.replace(/postgres$/, 'queue%20spec'))
    await rows(first, 'create table only_in_first (id int)')
    const tables = async (url: string): Promise<unknown[]> =>
      rows(
        url,
        `select current_database() as name, array(
        select tablename::text from pg_tables where schemaname = 'public') as tables`,
      )
    expect(await tables(first)).toEqual([{ name: 'test_1', tables: ['only_in_first'] }])
    expect(await tables(second)).toEqual([{ name: 'test_2', tables: [] }])
    expect(await tables(named)).toEqual([{ name: 'queue spec', tables: [] }])
  })

  it('FOR UPDATE SKIP LOCKED gives two transactions disjoint rows, locked until they end', async () => {
    const url = await cluster().createDatabase()
    await rows(
      url,
      'create table jobs (id int primary key); insert into jobs select generate_series(1, 10)',
    )
    const claim = async (client: Client): Promise<number[]> =>
      (
        await client.query<{ id: number }>(
          'select id from jobs order by id limit 4 for update skip locked',
        )
      ).rows.map((row) => row.id)
    await withClient(url, (a) =>
      withClient(url, async (b) => {
        // Were SKIP LOCKED to wait rather than skip, b's claim would fail in 5 s, not hang.
        await b.query("set lock_timeout = '5s'")
        await a.query('begin')
        await b.query('begin')
        expect(await claim(a)).toEqual([1, 2, 3, 4])
        expect(await claim(b)).toEqual([5, 6, 7, 8])
        // Skipped because locked, not by chance: b cannot take a's row 1 without waiting.
        await expect(
          b.query('select id from jobs where id = 1 for update nowait'),
        ).rejects.toMatchObject({ code: '55P03' })
        await b.query('rollback')
        await a.query('commit')
        await b.query('begin')
        expect(await claim(b)).toEqual([1, 2, 3, 4])
        await b.query('commit')
      }),
    )
  })
})

describe('the end of a test cluster', () => {
  it('stop() stops its server and removes its dir: the port refuses connections', async () => {
    const pg = await startTestPostgres()
    const dir = await dataDirectory(pg.url)
    expect(dirname(dir)).toBe(tmpdir())
    expect(existsSync(dir)).toBe(true)
    await pg.stop()
    expect(existsSync(dir)).toBe(false)
    await expect(connecting(pg.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await expect(pg.stop()).resolves.toBeUndefined()
  })

  it('comes too when the test process is killed (SIGKILL) before stop()', async () => {
    const { child, url } = await clusterInChild()
    try {
      const dir = await dataDirectory(url)
      const removed = removalOf(dir)
      child.kill('SIGKILL')
      await within(removed, 20_000, `the removal of ${dir} after its process was killed`)
      await expect(connecting(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    } finally {
      // Not to outlive a failure before the kill: the child lives until its stdin ends.
      child.kill('SIGKILL')
    }
  })
})

describe('a start that fails', () => {
  const pgBin = process.env.PG_BIN
  let bin: string
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'queue-fake-initdb-'))
    // As root, the postgres user runs it: its dir must be open to others.
    chmodSync(bin, 0o755)
    const initdb = '#!/bin/sh\necho "initdb: error: the disk is full" >&2\nexit 1\n'
    writeFileSync(join(bin, 'initdb'), initdb, { mode: 0o755 })
    process.env.PG_BIN = bin
  })
  afterEach(() => {
    if (pgBin === undefined) delete process.env.PG_BIN
    else process.env.PG_BIN = pgBin
    rmSync(bin, { recursive: true, force: true })
  })

  it("rejects with the failing program's words, and leaves no dir behind", async () => {
    const message = await startTestPostgres().then(
      () => 'it started',
      (error: Error) => error.message,
    )
    expect(message).toContain('initdb: error: the disk is full')
    const dir = /-D (\S+)/.exec(message)?.[1]
    expect(dir).toMatch(/queue-pg-\w+$/)
    expect(existsSync(dir ?? '')).toBe(false)
  })
})
