// The chaos of the cross-process specs: every few seconds, at a time drawn from a seeded PRNG,
// a process is killed with SIGKILL (at whatever point it is) and started again.
import { setTimeout as delay } from 'node:timers/promises'
import type { Random } from '../../../emulator/src/prng.js'

/** A role whose process may be killed: `restart` starts a fresh process in its place. */
export interface KillTarget {
  readonly name: string
  kill(): Promise<unknown>
  restart(): void
}

/** A running schedule. */
export interface KillSchedule {
  /** The kills so far, by target name. */
  readonly kills: ReadonlyMap<string, number>
  /** Ends the schedule (a kill under way completes, its restart included). */
  stop(): Promise<void>
}

/**
 * Kills `targetOf(n)` (n = 0, 1, ...) after a pause drawn in `[minMs, maxMs)`, restarts it, and
 * again, until stopped.
 */
export const startKillSchedule = (
  draw: Random,
  [minMs, maxMs]: readonly [number, number],
  targetOf: (kill: number) => KillTarget,
): KillSchedule => {
  const kills = new Map<string, number>()
  const stopped = new AbortController()
  const loop = (async () => {
    for (let kill = 0; ; kill++) {
      const pause = minMs + draw() * (maxMs - minMs)
      const target = targetOf(kill)
      try {
        await delay(pause, undefined, { signal: stopped.signal })
      } catch {
        return
      }
      await target.kill()
      kills.set(target.name, (kills.get(target.name) ?? 0) + 1)
      target.restart()
    }
  })()
  return {
    kills,
    stop: async () => {
      stopped.abort()
      await loop
    },
  }
}
