// The rounds of a run with retryFailed: after every job of a round has ended, the requests whose
// result failed retryably, or that got none, go again in a round of new jobs.
import * as E from 'fp-ts/Either'
import {
  concat,
  concatMap,
  defer,
  EMPTY,
  from,
  map,
  mergeMap,
  type Observable,
  of,
  tap,
  toArray,
} from 'rxjs'
import type { BatchRequestInput } from '../batch/createBatchJobInput.js'
import { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import { checkRequests } from '../jsonl/preparedRequest.js'
import type { BatchEvent, CompletedEvent, RetryingEvent } from './BatchEvent.js'
import type { ResolvedRetryFailed } from './retryFailed.js'
import { RetryGate } from './retryGate.js'
import { requestsByIndex, requestsFromFiles, type RequestsOf } from './retryRequests.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { Run } from './runBatch.js'
import { shardFilename, type ResolvedRunOptions } from './runOptions.js'

/** The round after another: its run, whether its jobs are still to make, and the ids not found. */
export interface NextRound<B, C> {
  /** Undefined when none of the requests could be read back: there is nothing to send. */
  readonly run: Run<B, C> | undefined
  /** Whether the round's files and jobs are still to make (false: a resumed round, followed). */
  readonly setup: boolean
  /** Requests to send again whose input could not be read back: their last result is final. */
  readonly notFound: ReadonlyArray<string>
}

/** Makes each round after the first: `runBatch$` makes new jobs, `resumeBatch$` also finds old ones. */
export type NextRound$<B, C> = (
  previous: Run<B, C>,
  attempt: number,
  ids: ReadonlyArray<string>,
) => Observable<NextRound<B, C>>

/** Where the requests of `run`'s round are read back from (see retryRequests.ts for why). */
export const requestsOfRun = <B, C>(run: Run<B, C>): RequestsOf => {
  const { requests, shards, registry } = run
  if (Array.isArray(requests)) {
    const list = requests as ReadonlyArray<BatchRequestInput>
    return requestsByIndex((index) => list[index], registry)
  }
  const files = shards.flatMap(({ file }) => (file === undefined ? [] : [file.id]))
  if (files.length > 0) return requestsFromFiles(run.deps, files, run.settings.maxFileBytes)
  // a streamed input sent inline: the jobs' lists, which the creates needed, hold it all
  const inline = shards.flatMap((shard) => shard.requests ?? [])
  return requestsByIndex((index) => inline[index], registry)
}

/** The options of the round of `attempt`: sent as the first round was, its files named after it. */
export const roundSettings = <B, C>(
  first: ResolvedRunOptions,
  previous: Run<B, C>,
  attempt: number,
): ResolvedRunOptions => {
  const sentAsFiles =
    previous.settings.mode === 'auto'
      ? previous.shards.some((shard) => shard.file !== undefined)
      : previous.settings.mode === 'file'
  return {
    ...first,
    mode: sentAsFiles ? 'file' : 'inline',
    filename: shardFilename(first.filename, `r${attempt}`),
  }
}

/**
 * The round of `attempt` for the requests `list` (read back, in input order): a new `Run` whose
 * registry holds their ids, sharded and created like the first round's.
 */
const roundRun = <B, C>(
  previous: Run<B, C>,
  settings: ResolvedRunOptions,
  attempt: number,
  list: ReadonlyArray<BatchRequestInput>,
  known?: ReadonlyMap<number, BatchJob>,
): Run<B, C> => {
  const registry = new CustomIdRegistry()
  // each request has the id it had in the first round, checked unique there
  const checked = checkRequests(list, registry)
  if (E.isLeft(checked)) throw checked.left
  return previous.nextRound(list, settings, attempt, registry, known)
}

/** Reads the requests `ids` of `previous`'s round back and makes the next round of them. */
export const readBackRound$ = <B, C>(
  previous: Run<B, C>,
  requestsOf: RequestsOf,
  settings: ResolvedRunOptions,
  attempt: number,
  ids: ReadonlyArray<string>,
  known?: ReadonlyMap<number, BatchJob>,
): Observable<NextRound<B, C>> =>
  requestsOf(new Set(ids)).pipe(
    toArray(),
    map((list) => {
      const found = new Set(list.map((request) => request.custom_id))
      const notFound = ids.filter((id) => !found.has(id))
      if (list.length === 0) return { run: undefined, setup: false, notFound }
      return { run: roundRun(previous, settings, attempt, list, known), setup: true, notFound }
    }),
  )

/**
 * An Observable that, when subscribed, runs `first` (set up unless `setupFirst` is false), then
 * round after round the requests to send again, until none is left or `maxAttempts` is reached.
 * The `result` events are each request's last attempt; `completed` sums the run per request.
 * Unsubscribing tears the current round down as a run without retries does.
 */
export const retryRounds$ = <B, C>(
  first: Run<B, C>,
  retry: ResolvedRetryFailed,
  next$: NextRound$<B, C> = (previous, attempt, ids) =>
    readBackRound$(
      previous,
      requestsOfRun(previous),
      roundSettings(first.settings, previous, attempt),
      attempt,
      ids,
    ),
  setupFirst = true,
): Observable<BatchEvent<B, C>> =>
  defer(() => {
    const gate = new RetryGate<B, C>(retry, (id) => first.registry.indexOf(id))
    let current = first
    const completed = (): CompletedEvent => ({
      type: 'completed',
      jobs: first.tracker.jobs(),
      summary: gate.summary(),
    })
    const round$ = (run: Run<B, C>, setup: boolean): Observable<BatchEvent<B, C>> => {
      current = run
      const { attempt } = run.round
      return concat(
        (setup ? run.run$() : run.follow$()).pipe(
          mergeMap((event) => {
            const passed = gate.pass(event, attempt)
            return passed === undefined ? EMPTY : of(passed)
          }),
        ),
        defer(() => {
          const { resend, settled } = gate.endRound(attempt, run.join.summary(run.registry.count))
          if (resend.length === 0)
            return concat(
              from(settled),
              defer(() => of(completed())),
            )
          return concat(
            from(settled),
            next$(run, attempt + 1, resend).pipe(
              concatMap(({ run: next, setup: setupNext, notFound }) => {
                const unsent = from(gate.notResent(notFound))
                if (next === undefined)
                  return concat(
                    unsent,
                    defer(() => of(completed())),
                  )
                gate.resent(attempt + 1, next.registry.count)
                const retrying: RetryingEvent = {
                  type: 'retrying',
                  attempt: attempt + 1,
                  requests: next.registry.count,
                }
                return concat(unsent, of(retrying), round$(next, setupNext))
              }),
            ),
          )
        }),
      )
    }
    return round$(first, setupFirst).pipe(tap({ unsubscribe: () => current.onUnsubscribe() }))
  })
