// The hooks every request goes through: request id and rate-limit headers, log, auth, faults.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'
import type { FaultDecision } from '../faults/faultController.js'
import { faultyBody } from '../faults/faultBodies.js'
import { BODY_FAULTS } from '../faults/faultSpec.js'
import type { ServerContext } from '../serverContext.js'
import type { LoggedRequest } from './requestLog.js'
import { newRequestId, RateLimitHeaders } from './wireHeaders.js'
import { errorBody, serverErrorBody } from './wireErrors.js'

/** Routes of the emulator itself: never logged, faulted or authenticated. */
export const ADMIN_PREFIX = '/_emulator/'
/** Signed-URL downloads: authenticated by their signature, not by the bearer key. */
export const SIGNED_PREFIX = '/_signed/'

interface RequestState {
  entry: LoggedRequest | null
  fault: FaultDecision | null
}

const pathOf = (url: string): string => {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

/** Installs the hooks on `app`. */
export const installRequestHooks = (app: FastifyInstance, context: ServerContext): void => {
  const states = new WeakMap<FastifyRequest, RequestState>()
  const rateLimits = new RateLimitHeaders()

  app.addHook('onRequest', async (request, reply) => {
    const requestId = newRequestId()
    reply.header('x-kong-request-id', requestId)
    reply.headers(rateLimits.next(Date.now()))
    const path = pathOf(request.url)
    if (path.startsWith(ADMIN_PREFIX)) return
    const entry = context.log.add({
      method: request.method,
      path,
      query: { ...(request.query as Record<string, string | string[]>) },
      status: 0,
      time: Date.now(),
      requestId,
      fault: null,
    })
    const state: RequestState = { entry, fault: null }
    states.set(request, state)

    const { apiKey } = context.options
    const authorization = request.headers.authorization
    if (
      apiKey !== undefined &&
      !path.startsWith(SIGNED_PREFIX) &&
      authorization !== `Bearer ${apiKey}`
    ) {
      // As Mistral's gateway answers it, not in the error shape of the API behind it.
      return reply.code(401).send({ message: 'Unauthorized', request_id: requestId })
    }

    const fault = context.faults.decide(request.method, request.routeOptions.url, path)
    if (fault === null) return
    state.fault = fault
    entry.fault = fault.kind
    return preHandlerFault(fault, request, reply, entry)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const fault = states.get(request)?.fault
    if (
      fault === undefined ||
      fault === null ||
      !(BODY_FAULTS as readonly string[]).includes(fault.kind)
    )
      return payload
    const socket = request.raw.socket
    const body = payload === null || payload === undefined ? Buffer.alloc(0) : payload
    const bytes = typeof body === 'string' ? Buffer.from(body) : (body as Buffer | Readable)
    const declared = Number(reply.getHeader('content-length'))
    const total = Buffer.isBuffer(bytes) ? bytes.length : Number.isFinite(declared) ? declared : 0
    reply.header('content-length', String(total))
    if (fault.kind === 'reset-after-processing') {
      const entry = states.get(request)?.entry
      if (entry) entry.status = 0
    }
    return faultyBody(fault, bytes, total, reply.raw, socket)
  })

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request)
    if (
      state?.entry &&
      state.fault?.kind !== 'reset-after-processing' &&
      state.fault?.kind !== 'reset'
    ) {
      state.entry.status = reply.statusCode
    }
  })
}

const preHandlerFault = (
  fault: FaultDecision,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: LoggedRequest,
): FastifyReply | undefined => {
  switch (fault.kind) {
    case '429':
      return reply
        .code(429)
        .header('retry-after', String(fault.rule.retryAfterSeconds ?? 1))
        .send(errorBody('Rate limit exceeded', 'rate_limited', '1300'))
    case '500':
    case '502':
    case '503':
      return reply.code(Number(fault.kind)).send(serverErrorBody(Number(fault.kind)))
    case 'reset':
      entry.status = 0
      reply.hijack()
      request.raw.socket.resetAndDestroy()
      return reply
    default:
      return undefined
  }
}
