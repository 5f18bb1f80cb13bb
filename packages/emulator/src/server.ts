// The state one emulator's routes share, and the fastify app over it: parsers, hooks, routes, and
// Mistral-shaped answers for every failure.
import fastifyMultipart from '@fastify/multipart'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { EmulatorClock } from './clock.js'
import type { FaultEngine } from './faults/faultController.js'
import type { RequestLog } from './http/requestHooks.js'
import type { JobEngine } from './jobs/jobEngine.js'
import type { ResolvedOptions } from './options.js'
import type { FileStore } from './store/fileStore.js'
import { installCors } from './http/cors.js'
import { installRequestHooks } from './http/requestHooks.js'
import { errorBody, issue, tooLargeBody, unprocessable } from './http/wireErrors.js'
import { adminRoutes } from './routes/adminRoutes.js'
import { batchRoutes } from './routes/batchRoutes.js'
import { filesRoutes } from './routes/filesRoutes.js'

/** The state of one running emulator. */
export interface ServerContext {
  options: ResolvedOptions
  files: FileStore
  jobs: JobEngine
  faults: FaultEngine
  log: RequestLog
  clock: EmulatorClock
  secret: string
  connections: Set<unknown>
  reset(): Promise<void>
}

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

/** Largest JSON body (10,000 inline requests can be big). */
const JSON_BODY_LIMIT = 256 * 1024 * 1024

/** Builds the app for `context` (not listening yet). */
export const buildServer = async (context: ServerContext): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: context.options.logger,
    bodyLimit: JSON_BODY_LIMIT,
    forceCloseConnections: true,
  })
  app.server.on('connection', (socket) => {
    context.connections.add(socket)
    socket.on('close', () => context.connections.delete(socket))
  })

  // Empty bodies are fine (a cancel may send Content-Type without a body); bad JSON is a 422.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body)
    if (text.trim() === '') return done(null, undefined)
    try {
      done(null, JSON.parse(text))
    } catch (error) {
      done(Object.assign(error as Error, { code: 'EMULATOR_JSON_INVALID' }), undefined)
    }
  })
  await app.register(fastifyMultipart)

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ detail: 'Not Found' }))
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'EMULATOR_JSON_INVALID') {
      return unprocessable(reply, [issue(['body', 0], 'JSON decode error', {}, 'json_invalid')])
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.code(413).send(tooLargeBody(context.options.maxUploadBytes))
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('Request body too large', 'invalid_request_error'))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(error.message, 'invalid_request_error'))
    }
    return reply.code(500).send(errorBody('Internal server error', 'internal_server_error'))
  })

  installCors(app, context.options.cors)
  installRequestHooks(app, context)
  filesRoutes(app, context)
  batchRoutes(app, context)
  adminRoutes(app, context)
  return app
}
