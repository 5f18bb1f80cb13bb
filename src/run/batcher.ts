// The micro-batcher: single requests in, single results out, gathered into batch jobs by size and time.
import {
  asyncScheduler,
  defer,
  Observable,
  Subscription,
  type SchedulerLike,
  type Subscriber,
} from 'rxjs'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { NoResultError } from '../errors/NoResultError.js'
import { resolveBatcherOptions, type BatcherOptions } from './batcherOptions.js'
import type { Batcher, BatcherOutput, BatcherRunJob } from './batcherTypes.js'
import { boundedTimer } from '../time/boundedTimer.js'

export { BATCHER_DEFAULTS, MAX_INLINE_REQUESTS, type BatcherOptions } from './batcherOptions.js'
export type { Batcher, BatcherOutput, BatcherRequest, BatcherRunJob } from './batcherTypes.js'

/** One subscription to `submit$`, from its arrival until its result, error or withdrawal. */
interface Submission<R> {
  readonly seq: number
  readonly custom_id: string
  readonly body: Record<string, unknown>
  /** Scheduler time of arrival: the time window counts from the oldest one waiting. */
  readonly since: number
  readonly subscriber: Subscriber<R>
  stage: 'waiting' | 'sent' | 'settled'
  job: Job<R> | undefined
}

/** A job sent to the runner, with the submissions still expecting a result from it. */
interface Job<R> {
  readonly expecting: Map<string, Submission<R>>
  readonly subscription: Subscription
  ended: boolean
}

/**
 * Creates a micro-batcher that sends the gathered submissions through `runJob`. A job is sent when
 * `maxBatchSize` submissions wait, or `maxWaitMs` after the oldest one waiting arrived, or on
 * `flush()`; each output goes to the one subscriber whose request it answers. All timing runs on
 * `scheduler`. Throws an `InvalidRequestError` when an option is out of range.
 */
export function createBatcher<R>(
  runJob: BatcherRunJob<R>,
  options: BatcherOptions = {},
  scheduler: SchedulerLike = asyncScheduler,
): Batcher<R> {
  const resolved = resolveBatcherOptions(options)
  if (!resolved.ok) {
    throw new InvalidRequestError(resolved.reason, { field: resolved.field })
  }
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix } = resolved.value

  // A Map keeps arrival order and lets a withdrawal leave the middle of the queue in O(1).
  const waiting = new Map<string, Submission<R>>()
  let nextSeq = 0
  let flushThroughSeq = -1
  let runningJobs = 0
  let closed = false
  let timerSubscription: Subscription | undefined
  let timerFor: Submission<R> | undefined

  const oldestWaiting = (): Submission<R> | undefined => waiting.values().next().value

  const isDue = (oldest: Submission<R>): boolean =>
    waiting.size >= maxBatchSize ||
    oldest.seq <= flushThroughSeq ||
    scheduler.now() - oldest.since >= maxWaitMs

  // Called after every change of the queue or of the running jobs; safe to re-enter.
  function sendDueJobs(): void {
    for (
      let oldest = oldestWaiting();
      oldest !== undefined && runningJobs < maxConcurrentJobs && isDue(oldest);
      oldest = oldestWaiting()
    ) {
      send(takeWaiting(maxBatchSize))
    }
    armTimerForOldest()
  }

  function armTimerForOldest(): void {
    const oldest = oldestWaiting()
    if (oldest === timerFor) return
    timerSubscription?.unsubscribe()
    timerSubscription = undefined
    timerFor = oldest
    if (oldest === undefined) return
    const delay = oldest.since + maxWaitMs - scheduler.now()
    // Already due means held back by maxConcurrentJobs: the end of a running job sends it.
    if (delay <= 0) return
    timerSubscription = boundedTimer(delay, scheduler).subscribe(() => {
      timerSubscription = undefined
      timerFor = undefined
      sendDueJobs()
    })
  }

  function takeWaiting(count: number): Submission<R>[] {
    const taken: Submission<R>[] = []
    for (const submission of waiting.values()) {
      if (taken.length === count) break
      taken.push(submission)
    }
    for (const submission of taken) waiting.delete(submission.custom_id)
    return taken
  }

  function send(submissions: ReadonlyArray<Submission<R>>): void {
    runningJobs++
    const job: Job<R> = {
      expecting: new Map(submissions.map((s) => [s.custom_id, s])),
      subscription: new Subscription(),
      ended: false,
    }
    for (const submission of submissions) {
      submission.stage = 'sent'
      submission.job = job
    }
    const requests = submissions.map(({ custom_id, body }) => ({ custom_id, body }))
    // defer: a runner that throws fails its job like one that errors. Adding to job.subscription
    // also covers everyone leaving while the runner is still being subscribed.
    job.subscription.add(
      defer(() => runJob(requests)).subscribe({
        next: (output) => deliver(job, output),
        error: (error: unknown) => endJob(job, () => error),
        complete: () => endJob(job, (customId) => new NoResultError({ customId })),
      }),
    )
  }

  // Outputs for an id the job never had, or a second output for one, are ignored.
  function deliver(job: Job<R>, { custom_id, value }: BatcherOutput<R>): void {
    const submission = job.expecting.get(custom_id)
    if (submission === undefined) return
    job.expecting.delete(custom_id)
    submission.stage = 'settled'
    submission.subscriber.next(value)
    submission.subscriber.complete()
  }

  function endJob(job: Job<R>, errorFor: (custom_id: string) => unknown): void {
    if (job.ended) return
    releaseSlot(job)
    const unanswered = [...job.expecting.values()]
    job.expecting.clear()
    for (const submission of unanswered) {
      submission.stage = 'settled'
      submission.subscriber.error(errorFor(submission.custom_id))
    }
    sendDueJobs()
  }

  function releaseSlot(job: Job<R>): void {
    job.ended = true
    runningJobs--
  }

  function withdraw(submission: Submission<R>): void {
    if (submission.stage === 'waiting') {
      submission.stage = 'settled'
      waiting.delete(submission.custom_id)
      armTimerForOldest()
    } else if (submission.stage === 'sent' && submission.job !== undefined) {
      submission.stage = 'settled'
      const job = submission.job
      job.expecting.delete(submission.custom_id)
      // Nobody is left to receive a result: stop running the job and free its slot.
      if (job.expecting.size === 0 && !job.ended) {
        releaseSlot(job)
        job.subscription.unsubscribe()
        sendDueJobs()
      }
    }
  }

  function flush(): void {
    flushThroughSeq = nextSeq - 1
    sendDueJobs()
  }

  return {
    submit$: (body) =>
      new Observable<R>((subscriber) => {
        if (closed) {
          subscriber.error(
            new InvalidRequestError('The batcher is closed: it accepts no new submissions', {
              field: 'submit$',
            }),
          )
          return undefined
        }
        const seq = nextSeq++
        const submission: Submission<R> = {
          seq,
          custom_id: `${idPrefix}${seq}`,
          body,
          since: scheduler.now(),
          subscriber,
          stage: 'waiting',
          job: undefined,
        }
        waiting.set(submission.custom_id, submission)
        sendDueJobs()
        return () => withdraw(submission)
      }),
    flush,
    close: () => {
      closed = true
      flush()
    },
  }
}
