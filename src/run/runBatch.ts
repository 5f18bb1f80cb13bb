// runBatch$: a whole batch as one stream of events, from the input requests to the last result.
import * as E from 'fp-ts/Either'
import {
  catchError,
  concat,
  concatMap,
  defer,
  EMPTY,
  finalize,
  from,
  ignoreElements,
  map,
  merge,
  type Observable,
  of,
  take,
  tap,
  throwError,
} from 'rxjs'
import type { CreateBatchJobInput } from '../batch/createBatchJobInput.js'
import { validateCreateRequest } from '../batch/validateCreateRequest.js'
import type { BatchEvent, CreatedEvent } from './BatchEvent.js'
import { CustomIdRegistry } from './customIdRegistry.js'
import { cancelRunning, completedEvent, fireAndForget, followJobs$ } from './followJobs.js'
import { inputShards$, type RunShard } from './inputShards.js'
import { JobTracker } from './jobTracker.js'
import { checkRequestShape, type CustomIdOf } from './preparedRequest.js'
import { RequestCursor, type RunRequests } from './requestCursor.js'
import { ResultJoin } from './resultJoin.js'
import { randomKey } from './randomKey.js'
import type { RunDeps } from './runDeps.js'
import { resolveRunOptions, type RunBatchOptions } from './runOptions.js'

export type { RunRequests } from './requestCursor.js'

// Any UUID: the create fields are checked before the first upload, when no file id exists yet.
const PLACEHOLDER_FILE_ID = '00000000-0000-4000-8000-000000000000'

const createFields = (
  options: RunBatchOptions,
): Omit<CreateBatchJobInput, 'input_files' | 'requests'> => ({
  endpoint: options.endpoint,
  ...(options.model === undefined ? {} : { model: options.model }),
  ...(options.agentId === undefined ? {} : { agent_id: options.agentId }),
  ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  ...(options.timeoutHours === undefined ? {} : { timeout_hours: options.timeoutHours }),
})

// Arrays are checked whole before anything is sent: shapes and unique ids, not the bodies.
const registerArray = (requests: ReadonlyArray<unknown>, registry: CustomIdRegistry): void => {
  requests.forEach((request, index) => registry.add(index, checkRequestShape(request, index)))
}

/**
 * An Observable that, when subscribed, runs `requests` as batch jobs and emits the run as events:
 * `uploaded` per input file (file mode), `created` per job, `progress` per job snapshot (with
 * the counters summed across jobs), `result` per result line joined to its request, and last
 * `completed` with every job's final snapshot and a summary (succeeded, failed, `missing`,
 * `unexpected`, `duplicates`).
 *
 * Requests without a `custom_id` get their input index as text; the ids are checked unique as
 * the input is read (an array is checked whole before anything is sent). In file mode each shard
 * of at most `maxRequestsPerJob` requests and `maxFileBytes` bytes is encoded and uploaded as it
 * streams in; jobs are created only once the whole input has been read and checked, so a bad
 * request never leaves a job behind. On an input, upload or create failure the run ends with
 * that error after deleting the files it uploaded and cancelling any job it created (all or
 * nothing). The join keeps the custom_ids only, never the bodies. Unsubscribing deletes uploaded
 * files no job uses yet and, with `cancelOnUnsubscribe`, cancels the jobs still running (a
 * create in flight at that moment is aborted, but the server may have made the job: it is then
 * neither reported nor cancelled). A job that ends `FAILED`, `CANCELLED` or `TIMEOUT_EXCEEDED`
 * does not end the stream: its results are streamed and `completed` reports its status.
 *
 * Iterables and async iterables are read only as fast as the upload sends them; an Observable
 * cannot be slowed, so what it pushes ahead of the upload waits in memory. An upload is retried
 * (after a 429) only from an array, which can be read again; from a one-shot source the run
 * fails with the upload's error. Inline mode holds the requests of all its jobs in memory.
 */
export const runBatch$ = (
  deps: RunDeps,
  requests: RunRequests,
  options: RunBatchOptions,
): Observable<BatchEvent> =>
  defer(() => {
    const settings = resolveRunOptions(options)
    const baseKey = options.idempotencyKey ?? randomKey()
    const fields = createFields(options)
    const createOptions = (shard: number) => ({
      idempotencyKey: `${baseKey}-${shard}`,
      ...(options.allowUnknownEndpoint === undefined
        ? {}
        : { allowUnknownEndpoint: options.allowUnknownEndpoint }),
    })
    const fieldsCheck = validateCreateRequest(
      { ...fields, input_files: [PLACEHOLDER_FILE_ID] },
      createOptions(0),
    )
    if (E.isLeft(fieldsCheck)) return throwError(() => fieldsCheck.left)

    const registry = new CustomIdRegistry()
    const isArray = Array.isArray(requests)
    if (isArray) registerArray(requests, registry)
    const customIdOf: CustomIdOf = isArray
      ? (index, given) => given ?? String(index)
      : (index, given) => registry.add(index, given)
    const cursor = new RequestCursor(requests, customIdOf, settings.maxFileBytes)
    const shards: RunShard[] = []
    const tracker = new JobTracker()
    const join = new ResultJoin(registry)
    const jobIds: string[] = []

    const create$ = (shard: RunShard): Observable<CreatedEvent> =>
      deps
        .create$(
          shard.file === undefined
            ? { ...fields, requests: shard.requests ?? [] }
            : { ...fields, input_files: [shard.file.id] },
          createOptions(shard.shard),
        )
        .pipe(
          take(1),
          map((job): CreatedEvent => {
            shard.jobId = job.id
            tracker.update(shard.shard, job)
            jobIds.push(job.id)
            return {
              type: 'created',
              shard: shard.shard,
              job,
              jobIds: [...jobIds],
              shards: shards.length,
            }
          }),
        )

    // The undo of one shard: cancel its job, or delete its file when no job uses it.
    const undoShard$ = (shard: RunShard): Observable<unknown> => {
      if (shard.jobId !== undefined) return deps.cancel$(shard.jobId)
      return shard.file === undefined ? EMPTY : deps.deleteFile$(shard.file.id)
    }
    // Run to its end before the error is passed on, so no file or job is left behind.
    const undo$ = (): Observable<never> =>
      merge(...shards.map((shard) => undoShard$(shard).pipe(catchError(() => EMPTY)))).pipe(
        ignoreElements(),
      )

    const onUnsubscribe = (): void => {
      for (const shard of shards) {
        if (shard.jobId === undefined && shard.file !== undefined) {
          fireAndForget(deps.deleteFile$(shard.file.id))
        }
      }
      if (settings.cancelOnUnsubscribe) cancelRunning(deps, tracker, jobIds)
    }

    const setup$: Observable<BatchEvent> = concat(
      inputShards$(deps, cursor, settings, isArray ? requests.length : undefined, shards),
      defer(() => from(shards).pipe(concatMap(create$))),
    ).pipe(
      catchError((error: unknown) =>
        concat(
          undo$(),
          throwError(() => error),
        ),
      ),
    )

    const follow$ = defer(() =>
      followJobs$(
        deps,
        shards.flatMap(({ shard, jobId }) => (jobId === undefined ? [] : [{ shard, jobId }])),
        options.watch,
        tracker,
        join,
      ),
    )
    return concat(
      setup$,
      follow$,
      defer(() => of(completedEvent(tracker, join, registry.count))),
    ).pipe(
      tap({ unsubscribe: onUnsubscribe }),
      finalize(() => cursor.close()),
    )
  })
