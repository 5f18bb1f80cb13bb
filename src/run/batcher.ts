// The micro-batcher: single requests in, single results out, gathered into batch jobs by size and time.
import * as E from 'fp-ts/Either'
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
import { boundedTimer } from '../time/boundedTimer.js'
import {
  resolveBatcherOptions,
  type BatcherOptions,
  type ResolvedBatcherOptions,
} from './batcherOptions.js'
import type { Batcher, BatcherOutput, BatcherRequest, BatcherRunJob } from './batcherTypes.js'

export type { BatcherOptions } from './batcherOptions.js'
export type { Batcher, BatcherOutput, BatcherRequest, BatcherRunJob } from './batcherTypes.js'

/** A job handed to the runner, with the submissions still expecting a result from it. */
interface Job<R> {
  readonly expecting: Map<string, Submission<R>>
  readonly subscription: Subscription
}

/**
 * Where a submission is. It only moves forward: `waiting` in the queue (withdrawn if its
 * subscriber leaves), `sent` in a job (its result dropped if its subscriber leaves), `settled`
 * once it got its result or error, or its subscriber left: nothing more happens to it.
 */
type Stage<R> =
  | { readonly name: 'waiting' }
  | { readonly name: 'sent'; readonly job: Job<R> }
  | { readonly name: 'settled' }

/** One subscription to `submit$`, from its arrival until it is settled. */
interface Submission<R> {
  readonly seq: number
  readonly request: BatcherRequest
  /** Scheduler time of arrival: the time window counts from the oldest one waiting. */
  readonly since: number
  readonly subscriber: Subscriber<R>
  stage: Stage<R>
}

class MicroBatcher<R> implements Batcher<R> {
  // A Map keeps arrival order and lets a withdrawal leave the middle of the queue in O(1).
  private readonly waiting = new Map<string, Submission<R>>()
  private nextSeq = 0
  private flushThroughSeq = -1
  /** The jobs holding a slot: sent, and neither ended nor abandoned by all their submitters. */
  private readonly running = new Set<Job<R>>()
  private closed = false
  /** The oldest waiting submission when the timer was last set, and the timer, if one runs. */
  private timerFor: Submission<R> | undefined
  private timer: Subscription | undefined

  constructor(
    private readonly runJob: BatcherRunJob<R>,
    private readonly options: ResolvedBatcherOptions,
    private readonly scheduler: SchedulerLike,
  ) {}

  // Arrow properties, so that `const { submit$ } = batcher` works like the methods.
  readonly submit$ = (body: Record<string, unknown>): Observable<R> =>
    new Observable<R>((subscriber) => {
      if (this.closed) {
        const message = 'The batcher is closed: it accepts no new submissions'
        return subscriber.error(new InvalidRequestError(message, { field: 'submit$' }))
      }
      const seq = this.nextSeq++
      const submission: Submission<R> = {
        seq,
        request: { custom_id: `${this.options.idPrefix}${seq}`, body },
        since: this.scheduler.now(),
        subscriber,
        stage: { name: 'waiting' },
      }
      this.waiting.set(submission.request.custom_id, submission)
      this.sendDueJobs()
      return () => this.withdraw(submission)
    })

  readonly flush = (): void => {
    this.flushThroughSeq = this.nextSeq - 1
    this.sendDueJobs()
  }

  readonly close = (): void => {
    this.closed = true
    this.flush()
  }

  private oldestWaiting(): Submission<R> | undefined {
    return this.waiting.values().next().value
  }

  private isDue(oldest: Submission<R> | undefined): boolean {
    const { maxBatchSize, maxWaitMs, maxConcurrentJobs } = this.options
    if (oldest === undefined || this.running.size >= maxConcurrentJobs) return false
    return (
      this.waiting.size >= maxBatchSize ||
      oldest.seq <= this.flushThroughSeq ||
      this.scheduler.now() - oldest.since >= maxWaitMs
    )
  }

  // Called after every change of the queue or of the running jobs; safe to re-enter.
  private sendDueJobs(): void {
    while (this.isDue(this.oldestWaiting())) this.sendJob()
    this.setTimer()
  }

  private setTimer(): void {
    const oldest = this.oldestWaiting()
    if (oldest === this.timerFor) return
    this.timer?.unsubscribe()
    this.timer = undefined
    this.timerFor = oldest
    if (oldest === undefined) return
    const delay = oldest.since + this.options.maxWaitMs - this.scheduler.now()
    // Already due means held back by maxConcurrentJobs: the end of a running job sends it.
    if (delay <= 0) return
    this.timer = boundedTimer(delay, this.scheduler).subscribe(() => {
      this.timer = undefined
      this.timerFor = undefined
      this.sendDueJobs()
    })
  }

  /** Moves the oldest waiting submissions, up to `maxBatchSize`, into a new job and runs it. */
  private sendJob(): void {
    const job: Job<R> = { expecting: new Map(), subscription: new Subscription() }
    // Deleting the entry just visited is safe while iterating a Map.
    for (const [id, submission] of this.waiting) {
      if (job.expecting.size === this.options.maxBatchSize) break
      this.waiting.delete(id)
      job.expecting.set(id, submission)
      submission.stage = { name: 'sent', job }
    }
    this.running.add(job)
    const requests = [...job.expecting.values()].map((s) => s.request)
    // defer: a runner that throws fails its job like one that errors. Adding to job.subscription
    // also covers everyone leaving while the runner is still being subscribed.
    job.subscription.add(
      defer(() => this.runJob(requests)).subscribe({
        next: (output) => this.deliver(job, output),
        error: (error: unknown) => this.endJob(job, () => error),
        complete: () => this.endJob(job, (customId) => new NoResultError({ customId })),
      }),
    )
  }

  // Outputs for an id the job never had, or a second output for one, are ignored.
  private deliver(job: Job<R>, output: BatcherOutput<R>): void {
    const submission = job.expecting.get(output.custom_id)
    if (submission === undefined) return
    this.settle(submission)
    if ('error' in output) return submission.subscriber.error(output.error)
    submission.subscriber.next(output.value)
    submission.subscriber.complete()
  }

  private endJob(job: Job<R>, errorFor: (customId: string) => unknown): void {
    if (!this.running.delete(job)) return
    for (const submission of [...job.expecting.values()]) {
      this.settle(submission)
      submission.subscriber.error(errorFor(submission.request.custom_id))
    }
    this.sendDueJobs()
  }

  /** Moves a submission to `settled`, out of the queue or the job it was in. */
  private settle(submission: Submission<R>): void {
    const { stage, request } = submission
    submission.stage = { name: 'settled' }
    if (stage.name === 'waiting') this.waiting.delete(request.custom_id)
    if (stage.name === 'sent') stage.job.expecting.delete(request.custom_id)
  }

  private withdraw(submission: Submission<R>): void {
    const { stage } = submission
    this.settle(submission)
    if (stage.name === 'waiting') this.setTimer()
    // Nobody is left to receive a result: stop running the job and free its slot.
    if (stage.name === 'sent' && stage.job.expecting.size === 0 && this.running.delete(stage.job)) {
      stage.job.subscription.unsubscribe()
      this.sendDueJobs()
    }
  }
}

/**
 * A micro-batcher sending its submissions through `runJob`: a job goes at `maxBatchSize`, at
 * `maxWaitMs` after its oldest submission, or on `flush()`; all timing runs on `scheduler`.
 */
export function createBatcher<R>(
  runJob: BatcherRunJob<R>,
  options: BatcherOptions = {},
  scheduler: SchedulerLike = asyncScheduler,
): Batcher<R> {
  const resolved = resolveBatcherOptions(options)
  if (E.isLeft(resolved)) throw resolved.left
  return new MicroBatcher(runJob, resolved.right, scheduler)
}
