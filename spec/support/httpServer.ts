// A scripted node:http server on 127.0.0.1 for HTTP tests: canned replies, recorded requests, open sockets.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A request as the server received it. */
interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** How the server answers one request. */
export type Reply = (req: IncomingMessage, res: ServerResponse) => void

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** Every request received, in order. */
  readonly requests: RecordedRequest[]
  /** Queues replies, used one per request in order; unscripted requests get a 599. */
  reply(...replies: Reply[]): void
  /** How many client connections are open now. */
  openSockets(): number
  /** Resolves once `count` requests have arrived. */
  requestsArrived(count: number): Promise<void>
  /**
   * Resolves once the connection that carried request number `index` (0-based) is closed.
   * (After an abort, undici may open a fresh idle connection: only the used one matters.)
   */
  connectionClosed(index: number): Promise<void>
  /** Stops the server, destroying open connections. */
  close(): Promise<void>
}

/** Answers with `status`, a JSON body and extra headers. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

/** Answers with `status` and a raw text body. */
export const text =
  (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers })
    res.end(body)
  }

/** Never answers: the client waits for headers. */
export const hang = (): Reply => () => undefined

/** Sends the headers and the first chunks of a body, then stalls forever. */
export const stallAfter =
  (...chunks: string[]): Reply =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    for (const chunk of chunks) res.write(chunk)
  }

/** Sends the chunks of a body, then cuts the connection instead of ending the body. */
export const resetAfter =
  (...chunks: string[]): Reply =>
  (req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    for (const chunk of chunks) res.write(chunk)
    setTimeout(() => req.socket.destroy(), 20)
  }

/** Cuts the connection without answering. */
export const reset = (): Reply => (req) => req.socket.destroy()

/** Starts a server on 127.0.0.1, port 0. */
export const startServer = async (): Promise<TestServer> => {
  const requests: RecordedRequest[] = []
  const queue: Reply[] = []
  const sockets = new Set<Socket>()
  const requestSockets: Socket[] = []
  const waiters = new Set<() => void>()
  const notify = (): void => waiters.forEach((check) => check())
  const until = (condition: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (condition()) {
          waiters.delete(check)
          resolve()
        }
      }
      waiters.add(check)
      check()
    })

  const server = createServer((req, res) => {
    const pieces: Buffer[] = []
    req.on('data', (chunk: Buffer) => pieces.push(chunk))
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(pieces).toString('utf8'),
      })
      requestSockets.push(req.socket)
      const next = queue.shift() ?? text(599, 'unscripted request')
      next(req, res)
      notify()
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => {
      sockets.delete(socket)
      notify()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    openSockets: () => sockets.size,
    requestsArrived: (count) => until(() => requests.length >= count),
    connectionClosed: (index) =>
      until(() => {
        const socket = requestSockets[index]
        return socket !== undefined && !sockets.has(socket)
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
export const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
