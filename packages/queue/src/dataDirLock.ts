// One process at a time on a PGlite data dir. PGlite takes no lock of its own: two processes on
// the same files both start, and the writes of one are lost (a worker in one process and an
// `enqueue` in another). The lock is a file beside the dir, holding its process's id.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { QueueStoreError } from './errors.js'

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

/** Whether process `pid` is running (EPERM: it is, as another user). */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return codeOf(error) === 'EPERM'
  }
}

/** The id in a lock file, or undefined if it holds none (being written, or damaged). */
const holderOf = async (lock: string): Promise<number | undefined> => {
  const text = await fs.readFile(lock, 'utf8').catch(() => '')
  const pid = Number(text.trim())
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

const inUse = (dir: string, message: string): QueueStoreError =>
  new QueueStoreError(`createBatchQueue: the data dir ${dir} ${message}`, { reason: 'in-use' })

/**
 * Locks `dir` for this process and resolves to its unlock. A lock left by a process that is gone
 * (killed) is taken over; one held by a running process (this one included: a second queue on
 * the same dir), or one whose holder cannot be read, is a `QueueStoreError` of reason `in-use`.
 */
export const lockDataDir = async (dir: string): Promise<() => Promise<void>> => {
  const lock = `${path.resolve(dir)}.lock`
  await fs.mkdir(path.dirname(lock), { recursive: true })
  // twice: once more after removing a stale lock (another process may have raced for it)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' })
      return () => fs.rm(lock, { force: true })
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error
    }
    const holder = await holderOf(lock)
    if (holder === undefined || isRunning(holder)) {
      const who = holder === undefined ? 'another process' : `process ${holder}`
      throw inUse(
        dir,
        `is in use by ${who}: PGlite takes one process at a time (close the other queue, or use ` +
          `a Postgres server for many; if none runs, remove ${lock})`,
      )
    }
    await fs.rm(lock, { force: true })
  }
  throw inUse(dir, 'is in use by another process that just started')
}
