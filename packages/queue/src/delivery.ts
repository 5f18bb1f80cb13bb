// results$: the stored results not yet acknowledged, each handed to one consumer at a time
// across processes (a lease of ackTimeoutMs), handed out again when not acknowledged in time.
import type { ResultLine } from 'mistral-batch-rx'
import { Observable } from 'rxjs'
import type { ResolvedQueueOptions } from './options.js'
import { Outage } from './storeFailure.js'
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

/** The most acknowledgements written in one statement. */
const MAX_ACKS_PER_STATEMENT = 1_000

/**
 * Acknowledgements gathered while one statement writes the ones before: `ack(id)` resolves once
 * the statement holding it committed (or rejects with its error), so many consumers acknowledging
 * at once cost a statement per batch, not per result.
 */
const ackWriter = (rows: QueueRows) => {
  let waiting: Array<{ id: string; done: () => void; failed: (error: unknown) => void }> = []
  let writing = false
  const write = async (): Promise<void> => {
    writing = true
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_ACKS_PER_STATEMENT)
      waiting = waiting.slice(batch.length)
      try {
        await rows.ack(batch.map((entry) => entry.id))
        batch.forEach((entry) => entry.done())
      } catch (error) {
        batch.forEach((entry) => entry.failed(error))
      }
    }
    writing = false
  }
  return (id: string): Promise<void> =>
    new Promise<void>((done, failed) => {
      waiting.push({ id, done, failed })
      if (!writing) void write()
    })
}

/** `queue.results$()`: cold; each subscription claims and emits results until unsubscribed. */
export const delivery$ = ({ rows, options }: DeliveryDeps): Observable<QueuedResult> =>
  new Observable<QueuedResult>((subscriber) => {
    const ack = ackWriter(rows)
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
    // a database out of reach is waited out (see Outage): the results stay stored meanwhile
    const outage = new Outage(options.pollMs)
    const claimOrWait = async (count: number) => {
      try {
        const claimed = await rows.claimResults(count, options.ackTimeoutMs)
        outage.over()
        return claimed
      } catch (error) {
        await pause(outage.pauseAfter(error))
        return []
      }
    }
    const loop = async () => {
      // results are claimed a page at a time: once the unacknowledged fill up, only when a page
      // of them has been acknowledged, never one claim per acknowledgement
      const page = Math.max(1, Math.min(500, Math.floor(options.maxUnacked / 2)))
      while (!stopped) {
        const room = options.maxUnacked - unacked
        if (room < page) {
          await pause(options.pollMs)
          continue
        }
        const claimed = await claimOrWait(Math.min(room, 500))
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
              await ack(row.id)
              unacked--
              wake?.()
            },
          })
        }
        // a full page: there may be more at once; else wait for results
        if (claimed.length === 0 && !outage.ongoing) await pause(options.pollMs)
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
