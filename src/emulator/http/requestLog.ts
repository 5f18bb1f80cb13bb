// The log of requests the emulator received, which tests read to count calls and check retries.
import type { FaultKind } from '../faults/faultSpec.js'

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

  /** Appends an entry arriving now and returns it (its status is filled in when the response ends). */
  add(fields: Pick<LoggedRequest, 'method' | 'path' | 'query' | 'requestId'>): LoggedRequest {
    const entry: LoggedRequest = { ...fields, status: 0, time: Date.now(), fault: null }
    this.list.push(entry)
    if (this.list.length > REQUEST_LOG_CAP * 1.1)
      this.list.splice(0, this.list.length - REQUEST_LOG_CAP)
    return entry
  }

  /** Forgets every entry. */
  clear(): void {
    this.list = []
  }
}
