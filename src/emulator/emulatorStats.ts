// A snapshot of the emulator's state for tests and benchmarks (served at GET /_emulator/stats).
import type { ServerContext } from './serverContext.js'

/** What GET /_emulator/stats returns. */
export interface EmulatorStats {
  /** TCP connections open right now (clients that did not close theirs show up here). */
  openConnections: number
  /** Requests logged so far (admin routes excluded). */
  requests: number
  /** Faults injected since the fault rules were last set. */
  faultsInjected: number
  /** Jobs in total and by status. */
  jobs: { total: number; byStatus: Record<string, number> }
  /** Files stored. */
  files: number
  /** How far the clock was stepped, in ms. */
  clockOffsetMs: number
  /** The emulator process's memory, in bytes. */
  memory: { rss: number; heapUsed: number }
}

/** Reads the stats of one emulator. */
export const emulatorStats = (context: ServerContext): EmulatorStats => {
  const byStatus: Record<string, number> = {}
  const jobs = context.jobs.store.all()
  for (const job of jobs) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1
  const memory = process.memoryUsage()
  return {
    openConnections: context.connections.size,
    requests: context.log.entries.length,
    faultsInjected: context.faults.injected.length,
    jobs: { total: jobs.length, byStatus },
    files: context.files.size,
    clockOffsetMs: context.clock.offsetMs,
    memory: { rss: memory.rss, heapUsed: memory.heapUsed },
  }
}
