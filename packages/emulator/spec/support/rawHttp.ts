// A raw node:http GET that reports what arrived even when the connection breaks mid-body.
import * as http from 'node:http'

/** What a raw request saw. */
export interface RawOutcome {
  /** Status, or undefined when no response arrived. */
  status?: number
  headers?: http.IncomingHttpHeaders
  /** Bytes of body received. */
  received: number
  /** How many `data` events the body came in. */
  chunks: number
  /** The error that ended it, if any ('aborted', 'ECONNRESET', 'socket hang up', ...). */
  error?: string
}

/** Sends a request (a fresh connection, no keep-alive) and waits for it to end one way or another. */
export const rawRequest = (url: string, method = 'GET'): Promise<RawOutcome> =>
  new Promise((resolve) => {
    const outcome: RawOutcome = { received: 0, chunks: 0 }
    const finish = (error?: Error) => {
      if (error) outcome.error = (error as NodeJS.ErrnoException).code ?? error.message
      resolve(outcome)
    }
    const request = http.request(url, { method, agent: false }, (response) => {
      outcome.status = response.statusCode
      outcome.headers = response.headers
      response.on('data', (chunk: Buffer) => {
        outcome.received += chunk.length
        outcome.chunks += 1
      })
      response.on('error', finish)
      response.on('aborted', () => finish(new Error('aborted')))
      response.on('end', () => (response.complete ? finish() : finish(new Error('aborted'))))
    })
    request.on('error', finish)
    request.end()
  })
