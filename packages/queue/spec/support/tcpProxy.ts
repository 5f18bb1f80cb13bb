// A TCP proxy to a real server that a test can cut (every connection dropped, new ones refused)
// and mend: the database going away under a running queue, and coming back.
import { createServer, connect, type Server, type Socket } from 'node:net'

/** A running proxy on 127.0.0.1. */
export interface TcpProxy {
  readonly port: number
  /** Drops every connection and refuses new ones until `mend`. */
  cut(): void
  /** Accepts connections again. */
  mend(): void
  close(): Promise<void>
}

/** Starts a proxy from a free port of 127.0.0.1 to `targetPort` there. */
export const startTcpProxy = async (targetPort: number): Promise<TcpProxy> => {
  const sockets = new Set<Socket>()
  let isCut = false
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server: Server = createServer((client) => {
    track(client)
    if (isCut) return client.destroy()
    const upstream = connect(targetPort, '127.0.0.1')
    track(upstream)
    client.pipe(upstream).pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    port: address.port,
    cut: () => {
      isCut = true
      sockets.forEach((socket) => socket.destroy())
    },
    mend: () => {
      isCut = false
    },
    close: () => {
      sockets.forEach((socket) => socket.destroy())
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
