// results$: the stored results not yet acknowledged, each handed to one consumer at a time
// across processes (a lease of ackTimeoutMs), handed out again when not acknowledged in time.
import type { ResultLine } from 'mistral-batch-rx'
import { Observable } from 'rxjs'
import type { ResolvedQueueOptions } from './options.js'
import type { QueueRows } from './store.js'

/** A final result of a queued request, to handle and then acknowledge. */
export interface QueuedResult {
  /** The id it was enqueued with. */
  readonly id: string
  /** The attempt the result is from, from 1. */
  readonly attempt: number
  /** The result line of that attempt; null when no attempt got one (`jobStatus` says why). */
  readonly result: ResultLine | null
  /** The status of the job of that attempt: `SUCCESS`, `TIMEOUT_EXCEEDED`, ... */
  readonly jobStatus: string
  /** How many times it has been handed out, this time included (more than 1: a redelivery). */
  readonly deliveries: number
  /** Marks it handled: it is never handed out again. Call once the result is safe elsewhere. */
  ack(): Promise<void>
}

/** The parts `results$` runs with. */
export interface DeliveryDeps {
  readonly rows: QueueRows
  readonly options: ResolvedQueueOptions
}

/** `queue.results$()`: cold; each subscription claims and emits results until unsubscribed. */
export const delivery$ = ({ rows, options }: DeliveryDeps): Observable<QueuedResult> =>
  new Observable<QueuedResult>((subscriber) => {
    let unacked = 0
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let wake: (() => void) | undefined
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    const loop = async () => {
      while (!stopped) {
        const room = options.maxUnacked - unacked
        const claimed =
          room > 0 ? await rows.claimResults(Math.min(room, 500), options.ackTimeoutMs) : []
        for (const row of claimed) {
          if (stopped) return
          unacked++
          let acked = false
          subscriber.next({
            id: row.id,
            attempt: row.attempt,
            result: row.result as ResultLine | null,
            jobStatus: row.job_status,
            deliveries: row.deliveries,
            ack: async () => {
              if (acked) return
              acked = true
              await rows.ack(row.id)
              unacked--
              wake?.()
            },
          })
        }
        // a full page: there may be more at once; else wait for results or for room
        if (claimed.length === 0 || unacked >= options.maxUnacked) await pause(options.pollMs)
      }
    }
    loop().then(
      () => subscriber.complete(),
      (error: unknown) => subscriber.error(error),
    )
    return () => {
      stopped = true
      clearTimeout(timer)
      wake?.()
    }
  })
