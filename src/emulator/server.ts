// Assembles the fastify app: parsers, hooks, routes, and Mistral-shaped answers for every failure.
import fastifyMultipart from '@fastify/multipart'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { installRequestHooks } from './http/requestHooks.js'
import { errorBody, issue, tooLargeBody, unprocessable } from './http/wireErrors.js'
import { adminRoutes } from './routes/adminRoutes.js'
import { batchRoutes } from './routes/batchRoutes.js'
import { filesRoutes } from './routes/filesRoutes.js'
import { signedContentRoute } from './routes/signedContentRoute.js'
import type { ServerContext } from './serverContext.js'

/** Largest JSON body (10,000 inline requests can be big). */
const JSON_BODY_LIMIT = 256 * 1024 * 1024

const invalidJson = (message: string): Error & { code: string } =>
  Object.assign(new Error(message), { code: 'EMULATOR_JSON_INVALID' })

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
      done(invalidJson((error as Error).message), undefined)
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

  installRequestHooks(app, context)
  filesRoutes(app, context)
  batchRoutes(app, context)
  signedContentRoute(app, context)
  adminRoutes(app, context)
  return app
}
