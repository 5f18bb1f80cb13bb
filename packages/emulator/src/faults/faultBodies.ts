// Faults that strike while a body is sent: slow chunks, a cut with a clean close, a cut with a reset.
import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FaultRule } from './faultSpec.js'

/** Pause before cutting, so the bytes already written leave the socket first. */
const SETTLE_MS = 20

async function* chunksOf(payload: Buffer | Readable): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(payload)) return yield payload
  for await (const chunk of payload) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
}

async function* slowly(source: AsyncGenerator<Buffer>, res: ServerResponse, rule: FaultRule) {
  const { chunkBytes = 1024, delayMs = 50 } = rule
  // Headers first, so the client sees a response whose body is slow, not a slow response.
  if (!res.headersSent) res.flushHeaders()
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += chunkBytes) {
      await sleep(delayMs)
      yield chunk.subarray(at, at + chunkBytes)
    }
  }
}

async function* cut(
  source: AsyncGenerator<Buffer>,
  res: ServerResponse,
  limit: number,
  close: () => void,
) {
  let sent = 0
  for await (const chunk of source) {
    const part = chunk.subarray(0, limit - sent)
    if (part.length > 0) yield part
    sent += part.length
    if (sent >= limit) break
  }
  await source.return(undefined)
  if (!res.headersSent) res.flushHeaders()
  await sleep(SETTLE_MS)
  close()
}

/**
 * The body to send instead of `payload` under a body fault. `totalBytes` is the full length
 * (announced in Content-Length, so a cut body is visibly short).
 */
export const faultyBody = (
  rule: FaultRule,
  payload: Buffer | Readable,
  totalBytes: number,
  res: ServerResponse,
  socket: Socket,
): Readable => {
  const { kind } = rule
  if (kind === 'reset-after-processing') {
    if (!Buffer.isBuffer(payload)) payload.destroy()
    socket.resetAndDestroy()
    return Readable.from([])
  }
  const source = chunksOf(payload)
  if (kind === 'slow-body') return Readable.from(slowly(source, res, rule))
  const limit = Math.floor(totalBytes * (rule.cutAtFraction ?? 0.5))
  const close = kind === 'truncate' ? () => socket.destroySoon() : () => socket.resetAndDestroy()
  return Readable.from(cut(source, res, limit, close))
}
