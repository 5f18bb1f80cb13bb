// CORS, for an app served from another origin (`ng serve`): preflights answered, headers exposed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Which origins a browser may call the emulator from: any (`true`), only these, or none. */
export type CorsOrigins = boolean | ReadonlyArray<string>

/** The response headers the client reads: request ids, rate limits, waits, downloads. */
const EXPOSED = [
  'x-kong-request-id',
  'x-request-id',
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-limit-req-minute',
  'x-ratelimit-remaining-req-minute',
  'x-ratelimit-limit-tokens-minute',
  'x-ratelimit-remaining-tokens-minute',
  'x-ratelimit-limit-tokens-month',
  'x-ratelimit-remaining-tokens-month',
  'content-disposition',
].join(', ')

/** A preflight's answer stays valid for 10 minutes, so a busy app does not double its requests. */
const MAX_AGE_SECONDS = '600'

// `*` for any origin (the client sends a bearer key, never cookies, so `*` is allowed); a listed
// origin is echoed, with `Vary: Origin` so that no cache hands one origin's answer to another.
const allowFor = (cors: CorsOrigins, origin: string | undefined): string | undefined => {
  if (cors === true) return '*'
  if (cors === false || origin === undefined) return undefined
  return cors.includes(origin) ? origin : undefined
}

const isPreflight = (request: FastifyRequest): boolean =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined

/** Answers preflights and marks responses for `cors` origins; registered before every route. */
export const installCors = (app: FastifyInstance, cors: CorsOrigins): void => {
  if (cors === false) return
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (cors !== true) reply.header('vary', 'Origin')
    const allowed = allowFor(cors, request.headers.origin)
    if (allowed !== undefined) {
      reply.header('access-control-allow-origin', allowed)
      reply.header('access-control-expose-headers', EXPOSED)
    }
    if (!isPreflight(request)) return
    if (allowed !== undefined) {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS')
      const asked = request.headers['access-control-request-headers']
      if (asked !== undefined) reply.header('access-control-allow-headers', asked)
      reply.header('access-control-max-age', MAX_AGE_SECONDS)
    }
    // a preflight is the browser's question, not an API request: never logged, faulted or keyed
    return reply.code(204).send()
  })
}
