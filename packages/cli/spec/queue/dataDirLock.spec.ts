// One process at a time on a PGlite data dir: the lock beside it, taken, refused, taken over.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { lockDataDir } from '../../src/queue/dataDirLock'
import { scratchDir } from '../support/cliFixture'

describe('lockDataDir', () => {
  let scratch: ReturnType<typeof scratchDir>
  let dir: string
  beforeEach(() => {
    scratch = scratchDir()
    dir = join(scratch.dir, 'nested', 'data')
  })
  afterEach(() => scratch.remove())

  it('writes its process id beside the dir (making its parent), and removes it on unlock', async () => {
    const unlock = await lockDataDir(dir, 'the queue')
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    await unlock()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    await (
      await lockDataDir(dir, 'the queue')
    )()
  })

  it('refuses while a running process holds it, naming the process and the lock file', async () => {
    const unlock = await lockDataDir(dir, 'the queue')
    await expect(lockDataDir(dir, 'the queue')).rejects.toMatchObject({
      exitCode: 2,
      message:
        `the queue is in use by process ${process.pid}: PGlite takes one process at a time ` +
        `(stop the other command, or use --postgres for many; if none runs, remove ${dir}.lock)`,
    })
    await unlock()
  })

  it('takes over the lock of a process that is gone', async () => {
    const first = await lockDataDir(dir, 'the queue')
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(`${dir}.lock`, `${gone}\n`)
    const unlock = await lockDataDir(dir, 'the queue')
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    await unlock()
    await first()
  })

  it('refuses a lock whose holder cannot be read: it may be being written', async () => {
    await (
      await lockDataDir(dir, 'the queue')
    )()
    writeFileSync(`${dir}.lock`, '')
    await expect(lockDataDir(dir, 'the queue')).rejects.toThrow(
      /^the queue is in use by another process: /,
    )
  })
})
