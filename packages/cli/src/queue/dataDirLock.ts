// One process at a time on a PGlite data dir. PGlite takes no lock of its own: two processes on
// the same files both start, and writes of one are lost (a `queue run` in one terminal and a
// `queue enqueue` in another). The lock is a file beside the dir, holding its process's id.
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { systemErrorOf } from '../describeError.js'
import { usageError } from '../exitCodes.js'

/** Whether process `pid` is running (EPERM: it is, as another user). */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return systemErrorOf(error)?.code === 'EPERM'
  }
}

/** The id in a lock file, or undefined if it holds none (being written, or damaged). */
const holderOf = async (lock: string): Promise<number | undefined> => {
  const text = await fs.readFile(lock, 'utf8').catch(() => '')
  const pid = Number(text.trim())
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/**
 * Locks `dir` for this process (`shown` names it in messages) and resolves to its unlock. A lock
 * left by a process that is gone (killed) is taken over; one held by a running process, or one
 * whose holder cannot be read, is a usage error (exit 2).
 */
export const lockDataDir = async (dir: string, shown: string): Promise<() => Promise<void>> => {
  const lock = `${dir}.lock`
  await fs.mkdir(path.dirname(lock), { recursive: true })
  // twice: once more after removing a stale lock (another process may have raced for it)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' })
      return () => fs.rm(lock, { force: true })
    } catch (error) {
      if (systemErrorOf(error)?.code !== 'EEXIST') throw error
    }
    const holder = await holderOf(lock)
    if (holder === undefined || isRunning(holder)) {
      const who = holder === undefined ? 'another process' : `process ${holder}`
      throw usageError(
        `${shown} is in use by ${who}: PGlite takes one process at a time (stop the other ` +
          `command, or use --postgres for many; if none runs, remove ${lock})`,
      )
    }
    await fs.rm(lock, { force: true })
  }
  throw usageError(`${shown} is in use by another process that just started`)
}
