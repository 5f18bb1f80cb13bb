// The emulator's own routes under /_emulator/: faults, clock, reset, stats and the request log.
import type { FastifyInstance } from 'fastify'
import { parseFaultSpec } from '../faults/faultSpec.js'
import { notFound } from '../http/wireErrors.js'
import type { EmulatorStats, ServerContext } from '../server.js'

/** What GET /_emulator/stats returns: the counts of `context` right now. */
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

type StepRequest = { Body: { ms?: unknown } | undefined }
type NextRequest = { Params: { job_id: string }; Querystring: { after?: string } }

/** Registers the admin routes (never faulted, logged or authenticated). */
export const adminRoutes = (app: FastifyInstance, context: ServerContext): void => {
  const { faults, clock, jobs, log } = context

  app.get('/_emulator/faults', async () => ({ ...faults.get(), injected: faults.injected }))

  app.put('/_emulator/faults', async (request, reply) => {
    try {
      faults.set(parseFaultSpec(request.body))
    } catch (error) {
      return reply.code(400).send({ message: (error as Error).message })
    }
    return faults.get()
  })

  app.delete('/_emulator/faults', async () => {
    faults.clear()
    return faults.get()
  })

  app.post('/_emulator/reset', async () => {
    await context.reset()
    return { reset: true }
  })

  app.post<StepRequest>('/_emulator/clock/step', async (request, reply) => {
    const ms = request.body?.ms
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return reply.code(400).send({ message: 'body must be { "ms": number >= 0 }' })
    }
    clock.step(ms)
    return { offsetMs: clock.offsetMs, now: clock.now() }
  })

  // A long poll: `{ version, job }` once the job has changed after version `after` (-1: at once).
  app.get<NextRequest>('/_emulator/jobs/:job_id/next', async (request, reply) => {
    const id = request.params.job_id
    if (jobs.store.get(id) === undefined) return notFound(reply, 'Batch job', id)
    return jobs.nextChange(id, Number(request.query.after ?? -1))
  })

  app.get('/_emulator/stats', async () => emulatorStats(context))

  app.get('/_emulator/requests', async () => ({ data: log.entries }))

  app.delete('/_emulator/requests', async () => {
    log.clear()
    return { cleared: true }
  })
}
