// The emulator's own routes under /_emulator/: faults, clock, reset, stats and the request log.
import type { FastifyInstance } from 'fastify'
import { parseFaultSpec } from '../faults/faultSpec.js'
import { notFound } from '../http/wireErrors.js'
import { emulatorStats, type ServerContext } from '../server.js'

/** Registers the admin routes (never faulted, logged or authenticated). */
export const adminRoutes = (app: FastifyInstance, context: ServerContext): void => {
  app.get('/_emulator/faults', async () => ({
    ...context.faults.get(),
    injected: context.faults.injected,
  }))

  app.put('/_emulator/faults', async (request, reply) => {
    try {
      context.faults.set(parseFaultSpec(request.body))
    } catch (error) {
      return reply.code(400).send({ message: (error as Error).message })
    }
    return context.faults.get()
  })

  app.delete('/_emulator/faults', async () => {
    context.faults.clear()
    return context.faults.get()
  })

  app.post('/_emulator/reset', async () => {
    await context.reset()
    return { reset: true }
  })

  app.post<{ Body: { ms?: unknown } | undefined }>(
    '/_emulator/clock/step',
    async (request, reply) => {
      const ms = request.body?.ms
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        return reply.code(400).send({ message: 'body must be { "ms": number >= 0 }' })
      }
      context.clock.step(ms)
      return { offsetMs: context.clock.offsetMs, now: context.clock.now() }
    },
  )

  // A long poll: `{ version, job }` once the job has changed after version `after` (-1: at once).
  app.get<{ Params: { job_id: string }; Querystring: { after?: string } }>(
    '/_emulator/jobs/:job_id/next',
    async (request, reply) => {
      const id = request.params.job_id
      if (context.jobs.get(id) === undefined) return notFound(reply, 'Batch job', id)
      return context.jobs.nextChange(id, Number(request.query.after ?? -1))
    },
  )

  app.get('/_emulator/stats', async () => emulatorStats(context))

  app.get('/_emulator/requests', async () => ({ data: context.log.entries }))

  app.delete('/_emulator/requests', async () => {
    context.log.clear()
    return { cleared: true }
  })
}
