// One process at a time on a PGlite data dir: the lock beside it, taken, refused, taken over.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lockDataDir } from '../src/dataDirLock'
import { isQueueStoreError } from '../src/errors'

describe('lockDataDir', () => {
  let scratch: string
  let dir: string
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'queue-lock-'))
    dir = join(scratch, 'nested', 'data')
  })
  afterEach(() => rmSync(scratch, { recursive: true, force: true }))

  it('writes its process id beside the dir (making its parent), and removes it on unlock', async () => {
    const unlock = await lockDataDir(dir)
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    await unlock()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    await (
      await lockDataDir(dir)
    )()
  })

  it('refuses while a running process holds it, naming the process and the lock file', async () => {
    const unlock = await lockDataDir(dir)
    const refused = await lockDataDir(dir).catch((error: unknown) => error)
    expect(isQueueStoreError(refused)).toBe(true)
    expect(refused).toMatchObject({
      reason: 'in-use',
      message:
        `createBatchQueue: the data dir ${dir} is in use by process ${process.pid}: PGlite takes ` +
        `one process at a time (close the other queue, or use a Postgres server for many; if ` +
        `none runs, remove ${dir}.lock)`,
    })
    await unlock()
  })

  it('takes over the lock of a process that is gone', async () => {
    const first = await lockDataDir(dir)
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(`${dir}.lock`, `${gone}\n`)
    const unlock = await lockDataDir(dir)
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    await unlock()
    await first()
  })

  it('refuses a lock whose holder cannot be read: it may be being written', async () => {
    await (
      await lockDataDir(dir)
    )()
    writeFileSync(`${dir}.lock`, '')
    await expect(lockDataDir(dir)).rejects.toThrow(/is in use by another process: /)
  })
})
