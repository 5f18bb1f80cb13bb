// The hooks every request goes through: request id and rate-limit headers, the log, auth, faults.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { faultyBody } from '../faults/faultBodies.js'
import { BODY_FAULTS, type FaultKind, type FaultRule } from '../faults/faultSpec.js'
import type { ServerContext } from '../server.js'
import { errorBody, serverErrorBody } from './wireErrors.js'

/** One received request (admin routes under /_emulator/ are not logged). */
export interface LoggedRequest {
  method: string
  /** Path without the query string. */
  path: string
  /** The parsed query (repeated keys as arrays). */
  query: Readonly<Record<string, string | string[]>>
  /** The status sent; 0 when the connection was dropped before any response. */
  status: number
  /** When it arrived, ms since the epoch. */
  time: number
  /** The `x-kong-request-id` sent back. */
  requestId: string
  /** The fault injected into it, if any. */
  fault: FaultKind | null
}

/** Keeps at most this many entries (the oldest go first), so a long-lived emulator stays small. */
const REQUEST_LOG_CAP = 200_000

/** An append-only, capped request log. */
export class RequestLog {
  private list: LoggedRequest[] = []

  /** Every entry, oldest first. */
  get entries(): ReadonlyArray<LoggedRequest> {
    return this.list
  }

  /** Appends an entry arriving now (its status is filled in when the response ends). */
  add(fields: Pick<LoggedRequest, 'method' | 'path' | 'query' | 'requestId'>): LoggedRequest {
    const entry: LoggedRequest = { ...fields, status: 0, time: Date.now(), fault: null }
    this.list.push(entry)
    if (this.list.length > REQUEST_LOG_CAP * 1.1)
      this.list.splice(0, this.list.length - REQUEST_LOG_CAP)
    return entry
  }

  clear(): void {
    this.list = []
  }
}

/** Requests per minute the emulator advertises in `x-ratelimit-limit-req-minute`. */
const REQUESTS_PER_MINUTE = 6000

/** The rate-limit headers of each response, counting the requests of each wall-clock minute. */
const rateLimitHeaders = () => {
  let minute = -1
  let used = 0
  return (nowMs: number): Record<string, string> => {
    const current = Math.floor(nowMs / 60_000)
    used = current === minute ? used + 1 : 1
    minute = current
    return {
      'x-ratelimit-limit-req-minute': String(REQUESTS_PER_MINUTE),
      'x-ratelimit-remaining-req-minute': String(Math.max(0, REQUESTS_PER_MINUTE - used)),
      'x-ratelimit-limit-tokens-minute': '2000000',
      'x-ratelimit-remaining-tokens-minute': '2000000',
      'x-ratelimit-limit-tokens-month': '10000000000',
      'x-ratelimit-remaining-tokens-month': '10000000000',
    }
  }
}

/** Faults that drop the connection: the log keeps status 0 for them, whatever fastify records. */
const DROPPED = new Set(['reset', 'reset-after-processing'])

export const installRequestHooks = (app: FastifyInstance, context: ServerContext): void => {
  /** What the hooks remember of a logged request: its log entry and the fault drawn for it. */
  const states = new WeakMap<FastifyRequest, { entry: LoggedRequest; fault: FaultRule | null }>()
  const nextRateLimits = rateLimitHeaders()

  app.addHook('onRequest', async (request, reply) => {
    // Shaped like Mistral's gateway ids (32 hex digits).
    const requestId = randomUUID().replace(/-/g, '')
    reply.header('x-kong-request-id', requestId).headers(nextRateLimits(Date.now()))
    const path = request.url.split('?', 1)[0] as string
    // The emulator's own routes are never logged, faulted or authenticated.
    if (path.startsWith('/_emulator/')) return
    const query = { ...(request.query as Record<string, string | string[]>) }
    const entry = context.log.add({ method: request.method, path, query, requestId })
    const state = { entry, fault: null as FaultRule | null }
    states.set(request, state)
    // Signed-URL downloads are authenticated by their signature, not by the bearer key.
    const { apiKey } = context.options
    const signed = path.startsWith('/_signed/')
    if (apiKey !== undefined && !signed && request.headers.authorization !== `Bearer ${apiKey}`) {
      // As Mistral's gateway answers it, not in the error shape of the API behind it.
      return reply.code(401).send({ message: 'Unauthorized', request_id: requestId })
    }
    state.fault = context.faults.decide(request.method, request.routeOptions.url, path)
    entry.fault = state.fault?.kind ?? null
    if (state.fault !== null) return preHandlerFault(state.fault, request, reply)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const fault = states.get(request)?.fault
    if (!fault || !(BODY_FAULTS as readonly string[]).includes(fault.kind)) return payload
    const body = payload ?? Buffer.alloc(0)
    const bytes = typeof body === 'string' ? Buffer.from(body) : (body as Buffer | Readable)
    const declared = Number(reply.getHeader('content-length'))
    const total = Buffer.isBuffer(bytes) ? bytes.length : Number.isFinite(declared) ? declared : 0
    reply.header('content-length', String(total))
    return faultyBody(fault, bytes, total, reply.raw, request.raw.socket)
  })

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request)
    if (state && !DROPPED.has(state.fault?.kind ?? '')) state.entry.status = reply.statusCode
  })
}

/** Answers at once for the status faults; drops the connection for `reset`. */
const preHandlerFault = (rule: FaultRule, request: FastifyRequest, reply: FastifyReply) => {
  const { kind, retryAfterSeconds = 1 } = rule
  if (kind === '429') {
    const body = errorBody('Rate limit exceeded', 'rate_limited', '1300')
    return reply.code(429).header('retry-after', String(retryAfterSeconds)).send(body)
  }
  if (kind === '500' || kind === '502' || kind === '503') {
    return reply.code(Number(kind)).send(serverErrorBody(Number(kind)))
  }
  if (kind !== 'reset') return undefined
  reply.hijack()
  request.raw.socket.resetAndDestroy()
  return reply
}
