// resumeBatch$: re-attaches to the jobs of an earlier run and streams them with runBatch$'s events.
import * as E from 'fp-ts/Either'
import { concat, defer, of, tap, throwError, type Observable } from 'rxjs'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { uuidSegment } from '../http/uuidSegment.js'
import { resolveAnswerOptions } from './answerOptions.js'
import type { BatchEvent } from './BatchEvent.js'
import { registryOf } from '../jsonl/customIdRegistry.js'
import { cancelRunning, completedEvent, followJobs$ } from './followJobs.js'
import { JobTracker } from './jobTracker.js'
import { ResultJoin } from './resultJoin.js'
import type { RunDeps } from './runDeps.js'
import { resolveRetryFailed } from './retryFailed.js'
import { resumeRounds$ } from './resumeRounds.js'
import { resumeOptionsProblem, type ResumeBatchOptions } from './runOptions.js'

const checkJobIds = (jobIds: ReadonlyArray<string>): InvalidRequestError | undefined => {
  if (!Array.isArray(jobIds) || jobIds.length === 0) {
    return new InvalidRequestError('resumeBatch$: jobIds must be a non-empty list of job ids', {
      field: 'jobIds',
    })
  }
  const seen = new Set<string>()
  for (const [index, jobId] of jobIds.entries()) {
    const check = uuidSegment(`jobIds[${index}]`, jobId)
    if (E.isLeft(check)) return check.left
    if (seen.has(jobId)) {
      return new InvalidRequestError(`resumeBatch$: jobIds[${index}] repeats an earlier job id`, {
        field: `jobIds[${index}]`,
      })
    }
    seen.add(jobId)
  }
  return undefined
}

/** `MistralBatchClient.resumeBatch$` on a client's context (documented there). */
export const resumeBatch$ = <B, C>(
  deps: RunDeps<B, C>,
  jobIds: ReadonlyArray<string>,
  options: ResumeBatchOptions<B, C> = {},
): Observable<BatchEvent<B, C>> =>
  defer(() => {
    const problem = resumeOptionsProblem(options) ?? checkJobIds(jobIds)
    if (problem !== undefined) return throwError(() => problem)
    const pricing = resolveAnswerOptions(options, 'resumeBatch$')
    if (E.isLeft(pricing)) return throwError(() => pricing.left)
    const retry = resolveRetryFailed(options.retryFailed, 'resumeBatch$')
    if (E.isLeft(retry)) return throwError(() => retry.left)
    if (retry.right !== undefined) {
      return resumeRounds$(deps, jobIds, options, retry.right, pricing.right)
    }
    const expected =
      options.expectedCustomIds === undefined
        ? E.right(undefined)
        : registryOf(options.expectedCustomIds)
    if (E.isLeft(expected)) return throwError(() => expected.left)
    const registry = expected.right
    const tracker = new JobTracker()
    const join = new ResultJoin(registry, pricing.right)
    const jobs = jobIds.map((jobId, shard) => ({ shard, jobId }))
    const total = (): number =>
      registry?.count ?? tracker.jobs().reduce((sum, job) => sum + job.total_requests, 0)
    return concat(
      followJobs$(deps, jobs, options.watch, tracker, join),
      defer(() => of(completedEvent(tracker, join, total()))),
    ).pipe(
      tap({
        unsubscribe: () => {
          if (options.cancelOnUnsubscribe === true) cancelRunning(deps, tracker, jobIds)
        },
      }),
    )
  })
