// postgresBinaries: which directory wins, and what it says when there is none, on made-up trees
// of programs (empty scripts) rather than this machine's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresBinaries } from './postgresBinaries.js'

let tree: string
beforeEach(() => {
  tree = mkdtempSync(join(tmpdir(), 'queue-pg-binaries-'))
})
afterEach(() => rmSync(tree, { recursive: true, force: true }))

/** Writes an executable `path` (under the tree) running `script`; returns its directory. */
const program = (path: string, script = ''): string => {
  const dir = join(tree, path, '..')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(tree, path), `#!/bin/sh\n${script}\n`, { mode: 0o755 })
  return dir
}

/** A PATH with only `pg_config` on it, printing `bindir`. */
const pathWithPgConfig = (bindir: string): string =>
  program('path/pg_config', `[ "$1" = --bindir ] && echo ${bindir}`)

const debianRoot = (): string => join(tree, 'lib')
const noPgConfig = (): string => join(tree, 'empty-path')

describe('postgresBinaries', () => {
  it('takes PG_BIN when it has initdb, before pg_config and Debian', () => {
    const pgBin = program('own/bin/initdb')
    program('lib/15/bin/initdb')
    const env = { PG_BIN: pgBin, PATH: pathWithPgConfig(program('other/bin/initdb')) }
    expect(postgresBinaries({ env, debianRoot: debianRoot() })).toBe(pgBin)
  })

  it('refuses a PG_BIN without initdb rather than look elsewhere', () => {
    program('lib/15/bin/initdb')
    const env = { PG_BIN: join(tree, 'nowhere'), PATH: noPgConfig() }
    expect(() => postgresBinaries({ env, debianRoot: debianRoot() })).toThrow(
      `The queue's tests need a Postgres server, and PG_BIN (${join(tree, 'nowhere')}) has no ` +
        "initdb. To fix: install Debian's postgresql (apt-get install postgresql) or set PG_BIN to " +
        'the directory of initdb and pg_ctl; under CI, .ci/run installs it',
    )
  })

  it("takes pg_config's bindir when it has initdb", () => {
    const bindir = program('server/bin/initdb')
    program('lib/15/bin/initdb')
    const env = { PATH: pathWithPgConfig(bindir) }
    expect(postgresBinaries({ env, debianRoot: debianRoot() })).toBe(bindir)
  })

  it("passes over a client-only pg_config (libpq-dev's: bindir /usr/bin) to Debian's newest", () => {
    program('lib/9.6/bin/initdb')
    const fifteen = program('lib/15/bin/initdb')
    program('lib/13/bin/initdb')
    program('lib/16/bin/psql')
    const env = { PATH: pathWithPgConfig(join(tree, 'usr-bin')) }
    expect(postgresBinaries({ env, debianRoot: debianRoot() })).toBe(fifteen)
  })

  it('says what it tried and how to fix it when there is no server', () => {
    program('usr-bin/psql')
    const env = { PATH: pathWithPgConfig(join(tree, 'usr-bin')) }
    expect(() => postgresBinaries({ env, debianRoot: debianRoot() })).toThrow(
      "The queue's tests need a Postgres server, and there is none: PG_BIN is not set, " +
        `pg_config's bindir (${join(tree, 'usr-bin')}) has no initdb, no ${debianRoot()}/*/bin ` +
        "has initdb. To fix: install Debian's postgresql (apt-get install postgresql) or set " +
        'PG_BIN to the directory of initdb and pg_ctl; under CI, .ci/run installs it',
    )
    expect(() =>
      postgresBinaries({ env: { PATH: noPgConfig() }, debianRoot: debianRoot() }),
    ).toThrow('PG_BIN is not set, no pg_config on PATH, no')
  })
})
