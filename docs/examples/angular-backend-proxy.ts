// Angular in production: a route of your Node server that forwards the app's Batch and Files calls
// to Mistral with the server's API key, so that the browser never holds it. node:http only.
import { request as httpRequest, type IncomingMessage, type RequestListener } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** Where the proxy forwards, with which key, and who may use it. */
export interface MistralProxyOptions {
  /** The real Mistral API key; it is set on every forwarded request. */
  readonly apiKey: string
  /** Decides whether a request may spend your key: check the user's session here. */
  readonly allow: (request: IncomingMessage) => boolean
  /** The API's origin. @default 'https://api.mistral.ai' */
  readonly target?: string
  /** The path the app's `baseUrl` ends with. @default '/mistral' */
  readonly prefix?: string
}

/** The routes the client uses; anything else (chat, agents...) is not forwarded. */
const BATCH_AND_FILES = /^\/v1\/(batch\/jobs|files)(\/|$)/
// Hop-by-hop headers belong to one connection; the browser's own credentials are for your site.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']
const NOT_FORWARDED = [...HOP_BY_HOP, 'authorization', 'cookie']

const without = <H extends object>(headers: H, names: ReadonlyArray<string>): H =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name))) as H

/** A request handler for `createServer`; request and response bodies stream through. */
export const mistralProxy = (options: MistralProxyOptions): RequestListener => {
  const { apiKey, allow, target = 'https://api.mistral.ai', prefix = '/mistral' } = options
  const origin = new URL(target).origin
  return (req, res) => {
    const path = req.url ?? '/'
    // `/mistral//elsewhere.example/...` would name another host: the key goes to Mistral only
    const url = new URL(path.slice(prefix.length), origin)
    const forwarded = path.startsWith(`${prefix}/`) && url.origin === origin
    if (!forwarded || !BATCH_AND_FILES.test(url.pathname)) {
      res.writeHead(404).end()
      return
    }
    if (!allow(req)) {
      res.writeHead(403).end()
      return
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const headers = { ...without(req.headers, NOT_FORWARDED), authorization: `Bearer ${apiKey}` }
    const upstream = send(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, without(answer.headers, HOP_BY_HOP))
      answer.pipe(res)
    })
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
    // the app unsubscribed (its fetch was aborted): stop the request to Mistral as well
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
    })
    req.pipe(upstream)
  }
}

// createServer(mistralProxy({ apiKey: process.env.MISTRAL_API_KEY!, allow: isSignedIn })).listen(3000)
