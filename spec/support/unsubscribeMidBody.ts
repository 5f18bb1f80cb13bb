// Unsubscribing from an operation while the emulator is still sending the response body: the
// abort a user relies on, seen from both ends of the connection.
import type { Observable } from 'rxjs'
import type { RunningEmulator } from '@mistral-batch-rx/emulator'
import type { HttpContext } from '../../src/http/HttpContext.js'
import { within } from './httpContext.js'
import { recordingContext } from './recordingFetch.js'
import { watchTraffic } from './serverTraffic.js'

/** What {@link unsubscribeMidBody} saw. */
export interface MidBodyUnsubscribe {
  /** Whether the signal given to fetch was aborted by the unsubscribe (not before it). */
  readonly signalAborted: boolean
  /** Whether the emulator sent the whole response all the same. */
  readonly responseFinished: boolean
  /** The status the emulator logged for each request: 0 for a response never finished. */
  readonly loggedStatuses: number[]
  /** Values the operation emitted before it was dropped. */
  readonly values: unknown[]
  /** Errors it ended with (an unsubscribed operation reports none). */
  readonly errors: unknown[]
}

/**
 * Subscribes to `operation$(ctx)` while the emulator sends the body of every `route` response one
 * byte a second, waits until the response headers have come, unsubscribes, and waits until the
 * emulator has seen the exchange end. A client that did not abort leaves the exchange open (its
 * body takes seconds), so the wait times out and says so.
 */
export const unsubscribeMidBody = async (
  emulator: RunningEmulator,
  route: string,
  operation$: (ctx: HttpContext) => Observable<unknown>,
): Promise<MidBodyUnsubscribe> => {
  const { ctx, calls } = recordingContext(emulator.url)
  const traffic = watchTraffic(emulator.port)
  emulator.faults.set({ rules: [{ route, kind: 'slow-body', delayMs: 1_000, chunkBytes: 1 }] })
  emulator.clearRequests()
  const values: unknown[] = []
  const errors: unknown[] = []
  try {
    const arrival = traffic.next()
    const subscription = operation$(ctx).subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => errors.push(error),
    })
    const served = await arrival
    await within(calls[0]!.response, 5_000, `the response headers of ${served.line}`)
    const abortedBefore = calls.some((call) => call.signal?.aborted)
    subscription.unsubscribe()
    const { finished } = await traffic.ended(served)
    return {
      signalAborted: !abortedBefore && calls.length === 1 && calls[0]!.signal?.aborted === true,
      responseFinished: finished,
      loggedStatuses: emulator.requests.map((request) => request.status),
      values,
      errors,
    }
  } finally {
    traffic.stop()
    emulator.faults.clear()
  }
}

/** What an operation aborted mid-body shows: its one request cut off, nothing emitted. */
export const ABORTED_MID_BODY: MidBodyUnsubscribe = {
  signalAborted: true,
  responseFinished: false,
  loggedStatuses: [0],
  values: [],
  errors: [],
}
