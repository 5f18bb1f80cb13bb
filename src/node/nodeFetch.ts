// A fetch for Node whose downloads run on node:http: the result stream without web streams.
import { Buffer } from 'node:buffer'
import type * as http from 'node:http'
import type * as https from 'node:https'
import type * as stream from 'node:stream'
import type { Readable } from 'node:stream'
import type * as zlib from 'node:zlib'
import type { FetchLike } from '../config.js'

// Loaded at the first request that needs them: node:https brings TLS (about 10 ms of start-up),
// and a CLI that only prints its help should not pay for either.
type Transport = typeof http | typeof https
let httpModule: Promise<typeof http> | undefined
let httpsModule: Promise<typeof https> | undefined
let zlibModule: Promise<typeof zlib> | undefined
let streamModule: Promise<typeof stream> | undefined
const transportFor = (secure: boolean): Promise<Transport> =>
  secure ? (httpsModule ??= import('node:https')) : (httpModule ??= import('node:http'))

/** Options of {@link nodeFetch}. */
export interface NodeFetchOptions {
  /**
   * The fetch every request but a body-less GET goes to (uploads, creates, JSON bodies).
   * @default globalThis.fetch
   */
  readonly fetch?: FetchLike
  /** The agent of `http:` GETs. @default a keep-alive agent of this fetch's own */
  readonly httpAgent?: http.Agent
  /** The agent of `https:` GETs. @default a keep-alive agent of this fetch's own */
  readonly httpsAgent?: https.Agent
}

/**
 * What the client reads of a response: status, headers and a body of chunks. The body is the
 * decompressed message itself (an async iterable of Buffers), which `bodyChunks$` reads with
 * no web stream and no copy between the socket and the line splitter.
 */
class NodeResponse {
  readonly ok: boolean
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  readonly redirected = false
  readonly type = 'basic'
  readonly url: string
  readonly body: AsyncIterable<Uint8Array>

  constructor(message: http.IncomingMessage, body: Readable, url: string) {
    this.status = message.statusCode ?? 0
    this.ok = this.status >= 200 && this.status < 300
    this.statusText = message.statusMessage ?? ''
    this.url = url
    this.headers = new Headers()
    const raw = message.rawHeaders
    for (let i = 0; i + 1 < raw.length; i += 2) this.headers.append(raw[i]!, raw[i + 1]!)
    this.body = body
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Buffer[] = []
    for await (const chunk of this.body) chunks.push(Buffer.from(chunk))
    const whole = Buffer.concat(chunks)
    return whole.buffer.slice(whole.byteOffset, whole.byteOffset + whole.byteLength) as ArrayBuffer
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer())
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown
  }
}

// The encodings asked for and undone here, as fetch does: a JSONL file shrinks 5-10x in gzip.
const ACCEPT_ENCODING = 'gzip, deflate, br'

// A 204, a 304 or a HEAD has no body to undo, whatever its content-encoding says.
const hasNoBody = (message: http.IncomingMessage): boolean =>
  message.statusCode === 204 || message.statusCode === 304

const decoded = async (message: http.IncomingMessage): Promise<Readable> => {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase()
  if (encoding === undefined || encoding === '' || encoding === 'identity' || hasNoBody(message)) {
    return message
  }
  const zlib = await (zlibModule ??= import('node:zlib'))
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined
  if (decoder === undefined) return message
  // pipeline: an error on either side destroys both, and a body never read (a refused
  // redirect) cannot leave an error with no listener to crash the process
  const { pipeline } = await (streamModule ??= import('node:stream'))
  pipeline(message, decoder, () => undefined)
  return decoder
}

const abortError = (signal: AbortSignal): unknown =>
  signal.reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })

// Idle sockets are closed after 4 s, as undici does: a server drops an idle connection sooner or
// later, and a poll sent on one it has just closed fails with ECONNRESET.
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 } as const

const isBodylessGet = (init: RequestInit | undefined): boolean =>
  (init?.method ?? 'GET').toUpperCase() === 'GET' && init?.body == null

/**
 * A `fetch` for `createClient({ fetch: nodeFetch() })` in Node: every body-less GET (the result
 * and file downloads, job polls, lists) runs on `node:http`/`node:https` with keep-alive agents
 * of its own, its body handed over as the message's own chunks; every other request goes to
 * `options.fetch`. On the result files of B1 it reads 5-15% faster than Node's fetch, whose
 * body passes through a web stream (see docs/benchmarks.md). It does not use a proxy (nor does
 * Node's fetch unless its global dispatcher is set to one). Redirects are never
 * followed, and `gzip`, `deflate` and `br` bodies are asked for and undone, as fetch does.
 */
export const nodeFetch = (options: NodeFetchOptions = {}): FetchLike => {
  const other = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let httpAgent = options.httpAgent
  let httpsAgent = options.httpsAgent
  return async (input, init) => {
    if (!isBodylessGet(init)) return other(input, init)
    const url = new URL(input)
    const secure = url.protocol === 'https:'
    if (!secure && url.protocol !== 'http:') {
      throw new TypeError(`nodeFetch: ${url.protocol} URLs are not supported`)
    }
    const transport = await transportFor(secure)
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined
      if (signal?.aborted === true) {
        reject(abortError(signal))
        return
      }
      const headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING }
      new Headers(init?.headers).forEach((value, name) => {
        headers[name] = value
      })
      const agent = secure
        ? (httpsAgent ??= new (transport as typeof https).Agent(KEEP_ALIVE))
        : (httpAgent ??= new (transport as typeof http).Agent(KEEP_ALIVE))
      const request = transport.request(url, { method: 'GET', headers, agent })
      const onAbort = (): void => {
        request.destroy(abortError(signal!) as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      const done = (): void => signal?.removeEventListener('abort', onAbort)
      request.on('error', (error) => {
        done()
        reject(error)
      })
      request.on('response', (message) => {
        message.on('close', done)
        decoded(message)
          .then((body) => resolve(new NodeResponse(message, body, url.href) as unknown as Response))
          .catch((error: unknown) => {
            request.destroy()
            reject(error)
          })
      })
      request.end()
    })
  }
}
