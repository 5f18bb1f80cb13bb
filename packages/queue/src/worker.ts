// The duties of a worker, while run$ is subscribed: pending requests into jobs, jobs created,
// its jobs polled in one loop, ended jobs collected. Each step leaves the database in a state
// another worker can take over from if this process dies right after it.
import {
  IDEMPOTENCY_METADATA_KEY,
  MAX_INLINE_REQUESTS,
  isHttpError,
  isInvalidRequestError,
  isMistralBatchError,
  type BatchJob,
  type BatchJobFields,
  type MistralBatchClient,
} from 'mistral-batch-rx'
import {
  Observable,
  bufferCount,
  concatMap,
  filter,
  lastValueFrom,
  mergeMap,
  reduce,
  take,
  toArray,
  type Subscriber,
} from 'rxjs'
import type { ResolvedQueueOptions } from './options.js'
import { Outage } from './storeFailure.js'
import type { IncomingResult, JobRow, QueueRows, StoredRequest } from './store.js'

/** What a worker did. */
export type QueueEvent =
  /** A job was created for `requests` pending requests (`adopted`: after its first worker died). */
  | {
      readonly type: 'created'
      readonly batchId: string
      readonly requests: number
      readonly adopted: boolean
    }
  /**
   * An ended job's results were stored: `stored` final, `requeued` for another attempt. A job
   * never created has no `batchId`, and the status `NOT_SENT` (its every request was cancelled)
   * or `CREATE_FAILED` (the API refused it for good: `error` says why).
   */
  | {
      readonly type: 'collected'
      readonly batchId: string | null
      readonly status: string
      readonly error?: unknown
      readonly stored: number
      readonly requeued: number
      /** Requests that got no line, out of attempts: their final result has none. */
      readonly missing: number
    }
  /**
   * A step of a job failed (the API, the network), or the database is out of reach (`batchId`
   * null, `error` a `QueueStoreError`); the worker tries again next round.
   */
  | { readonly type: 'retrying'; readonly batchId: string | null; readonly error: unknown }

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'])
/** Result lines stored per statement while collecting. */
const STORE_CHUNK = 1_000
/** From this many requests in a job, the statistics are refreshed around its collection. */
const ANALYZE_AT_REQUESTS = 1_000
/** The most jobs one worker holds at once. */
const MAX_HELD_JOBS = 1_000

/**
 * A create the API refuses whatever the attempt: the client's own check (`InvalidRequestError`)
 * or a 4xx other than 408, 409 and 429 (those pass). Anything else is tried again next round.
 */
const refusedForGood = (error: unknown): boolean =>
  isInvalidRequestError(error) ||
  (isHttpError(error) &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 409, 429].includes(error.status))

/** What a result line of the API looks like to the collector. */
interface Line {
  readonly custom_id: string | null
  readonly failed: boolean
  readonly response?: { readonly status_code?: number } | null
}

/** A 429 or a 5xx inside the results: worth another attempt. */
const retryable = (line: Line): boolean => {
  const status = line.response?.status_code
  return line.failed && status !== undefined && (status === 429 || status >= 500)
}

/** The parts a worker runs with. */
export interface WorkerDeps {
  readonly client: MistralBatchClient
  readonly rows: QueueRows
  /** The queue's options, with the create fields a worker needs. */
  readonly options: ResolvedQueueOptions & { readonly job: BatchJobFields }
}

const waitFor = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })

/** From this many held jobs due for a poll, one round polls them through the job list. */
const LIST_POLL_FROM_JOBS = 5
/** Jobs per page of that list. */
const LIST_PAGE_SIZE = 100

class Worker {
  /** When each held job was last polled (ms since epoch), by job seq. */
  private readonly polled = new Map<string, number>()
  /** Each held job's `created_at` (seconds), by batch id: the list's filter needs the oldest. */
  private readonly createdAt = new Map<string, number>()

  constructor(
    private readonly deps: WorkerDeps,
    private readonly events: Subscriber<QueueEvent>,
    private readonly signal: AbortSignal,
  ) {}

  private get client() {
    return this.deps.client
  }

  /** Finds a job made with `key` (by this job's first worker, which died before recording it). */
  private async jobWithKey(key: string): Promise<BatchJob | undefined> {
    const found = await lastValueFrom(
      this.client.batch
        .list$({ metadata: { [IDEMPOTENCY_METADATA_KEY]: key } }, { signal: this.signal })
        .pipe(
          filter((job) => job.metadata?.[IDEMPOTENCY_METADATA_KEY] === key),
          take(1),
          toArray(),
        ),
    )
    return found[0]
  }

  // The lease is renewed while the create runs (a Retry-After of a minute, a slow upload): one
  // that ran out would let another worker take the job over and, not finding it yet, make it
  // again. A job whose lease went to another worker in the meantime is left to that worker.
  private async create(job: JobRow, requests: ReadonlyArray<StoredRequest>, adopted: boolean) {
    const { rows, options } = this.deps
    if (!(await rows.renewLease(job.seq, options.leaseMs))) return
    const renewal = setInterval(() => {
      rows.renewLease(job.seq, options.leaseMs).catch(() => undefined)
    }, options.leaseMs / 3)
    try {
      await this.createLeased(job, requests, adopted)
    } finally {
      clearInterval(renewal)
    }
  }

  private async createLeased(
    job: JobRow,
    requests: ReadonlyArray<StoredRequest>,
    adopted: boolean,
  ) {
    const { options } = this.deps
    const key = job.idempotency_key
    const existing = adopted ? await this.jobWithKey(key) : undefined
    let created = existing
    // every request of the job was cancelled before it could be sent: there is nothing to create
    if (created === undefined && requests.length === 0) return this.endUnsent(job, 'NOT_SENT')
    if (created === undefined) {
      const batch = requests.map((r) => ({ custom_id: r.id, body: r.body }))
      const metadata = { ...options.job.metadata, mistral_batch_queue: options.name }
      let fields: { requests: typeof batch } | { input_files: string[] }
      if (batch.length <= MAX_INLINE_REQUESTS) fields = { requests: batch }
      else {
        const file = await lastValueFrom(
          this.client.files.upload$(batch, { filename: `${key}.jsonl`, signal: this.signal }),
        )
        fields = { input_files: [file.id] }
      }
      try {
        created = await lastValueFrom(
          this.client.batch.create$(
            { ...options.job, ...fields, metadata },
            // unchecked, as before bodies were checked: one bad body would fail the whole job
            // here, so a queue's bad request comes back as its own failed result line
            { idempotencyKey: key, signal: this.signal, validateBodies: false },
          ),
        )
      } catch (error) {
        if (!refusedForGood(error)) throw error
        // tried again, it would be refused again: its requests go back for another attempt,
        // and out of attempts get a final result without a line (job status CREATE_FAILED)
        return this.endUnsent(job, 'CREATE_FAILED', error)
      }
    }
    if (await this.deps.rows.recordCreated(job.seq, created.id, created.status)) {
      this.events.next({ type: 'created', batchId: created.id, requests: requests.length, adopted })
    }
  }

  /** Ends a job that was never created, as `finishJob` ends one without lines. */
  private async endUnsent(job: JobRow, status: 'NOT_SENT' | 'CREATE_FAILED', error?: unknown) {
    const finished = await this.deps.rows.finishJob(job.seq, status, this.deps.options.maxAttempts)
    this.events.next({
      type: 'collected',
      batchId: null,
      status,
      stored: finished.missing,
      requeued: finished.requeued,
      missing: finished.missing,
      ...(error === undefined ? {} : { error }),
    })
  }

  // The lines are stored a chunk per statement, in order, as they stream in; a line that cannot
  // be read names no request, whose request then counts as having no line.
  private async collect(job: JobRow, ended: BatchJob) {
    const { rows, options } = this.deps
    const large = job.requests >= ANALYZE_AT_REQUESTS
    if (large) await rows.refreshStatistics('requests')
    const seen = new Set<string>()
    const { stored, requeued } = await lastValueFrom(
      this.client.batch.results$(ended, { signal: this.signal }).pipe(
        mergeMap((either): IncomingResult[] => {
          if (either._tag === 'Left') return []
          const line = either.right as Line
          if (line.custom_id === null || seen.has(line.custom_id)) return []
          seen.add(line.custom_id)
          return [{ id: line.custom_id, retry: retryable(line), result: either.right }]
        }),
        bufferCount(STORE_CHUNK),
        concatMap((chunk) => rows.storeResults(job.seq, ended.status, chunk, options.maxAttempts)),
        reduce(
          (sum, c) => ({ stored: sum.stored + c.stored, requeued: sum.requeued + c.requeued }),
          {
            stored: 0,
            requeued: 0,
          },
        ),
      ),
    )
    const finished = await rows.finishJob(job.seq, ended.status, options.maxAttempts)
    if (large) await rows.refreshStatistics('results')
    this.events.next({
      type: 'collected',
      batchId: ended.id,
      status: ended.status,
      stored: stored + finished.missing,
      requeued: requeued + finished.requeued,
      missing: finished.missing,
    })
  }

  private isDue(job: JobRow, now: number): boolean {
    return now - (this.polled.get(job.seq) ?? 0) >= this.deps.options.pollIntervalMs
  }

  /**
   * The held jobs due for a poll that the job list shows open, when there are enough of them to
   * be worth it: pages of the open jobs created since the oldest (at most twice the pages they
   * fill). A job the list does not show is polled by id (it ended, or the list was not read far
   * enough, or it moved between pages): the list is trusted only for the jobs it shows. A failed
   * list is no snapshot at all: every job is then polled by id.
   */
  private async openJobs(held: ReadonlyArray<JobRow>): Promise<ReadonlyMap<string, BatchJob>> {
    // bounded: the jobs this worker no longer holds (another took them over) are forgotten
    const heldIds = new Set(held.map((job) => job.batch_id))
    for (const id of this.createdAt.keys()) if (!heldIds.has(id)) this.createdAt.delete(id)
    const now = Date.now()
    const due = held.flatMap((job) =>
      job.state !== 'creating' && job.batch_id !== null && this.isDue(job, now)
        ? [job.batch_id]
        : [],
    )
    const known = due.filter((id) => this.createdAt.has(id))
    if (known.length < LIST_POLL_FROM_JOBS) return new Map()
    const oldest = Math.min(...known.map((id) => this.createdAt.get(id) as number))
    try {
      const jobs = await lastValueFrom(
        this.client.batch
          .list$(
            {
              status: ['QUEUED', 'RUNNING', 'CANCELLATION_REQUESTED'],
              created_after: new Date((oldest - 1) * 1000),
              page_size: LIST_PAGE_SIZE,
            },
            { signal: this.signal },
          )
          .pipe(take(2 * Math.ceil(known.length / LIST_PAGE_SIZE) * LIST_PAGE_SIZE), toArray()),
      )
      return new Map(jobs.map((job) => [job.id, job]))
    } catch (error) {
      if (this.signal.aborted || !isMistralBatchError(error)) throw error
      this.events.next({ type: 'retrying', batchId: null, error })
      return new Map()
    }
  }

  /** One job this worker holds: created if it is not, polled when due, collected once ended. */
  private async step(job: JobRow, listed: ReadonlyMap<string, BatchJob>) {
    if (job.state === 'creating') {
      return this.create(job, await this.deps.rows.jobRequests(job.seq), true)
    }
    const now = Date.now()
    if (!this.isDue(job, now)) return
    this.polled.set(job.seq, now)
    const batchId = job.batch_id as string
    // open in the list: nothing to do until it ends
    if (listed.has(batchId)) return
    const snapshot = await lastValueFrom(this.client.batch.get$(batchId, { signal: this.signal }))
    this.createdAt.set(batchId, snapshot.created_at)
    if (TERMINAL.has(snapshot.status)) {
      await this.collect(job, snapshot)
      this.polled.delete(job.seq)
      this.createdAt.delete(batchId)
    }
  }

  /** Runs `work`; a failure of the API is an event, and the work is tried again next round. */
  private async guarded(batchId: string | null, work: () => Promise<void>) {
    try {
      await work()
    } catch (error) {
      if (this.signal.aborted) return
      if (!isMistralBatchError(error)) throw error
      this.events.next({ type: 'retrying', batchId, error })
    }
  }

  /** One round: pending requests claimed into jobs and created, then the held jobs stepped. */
  private async round(): Promise<number> {
    const { rows, options } = this.deps
    let dueInMs: number | undefined
    for (;;) {
      const claim = await rows.claimBatch(options.maxBatchSize, options.maxWaitMs, options.leaseMs)
      if (claim.job === undefined) {
        dueInMs = claim.dueInMs
        break
      }
      const job = claim.job
      await this.guarded(null, () => this.create(job, claim.requests, false))
      if (this.signal.aborted) return 0
    }
    const held = await rows.holdJobs(options.leaseMs, MAX_HELD_JOBS)
    const listed = await this.openJobs(held)
    for (const job of held) {
      if (this.signal.aborted) return 0
      await this.guarded(job.batch_id, () => this.step(job, listed))
    }
    return Math.min(options.pollMs, options.pollIntervalMs, dueInMs ?? Infinity)
  }

  /**
   * Rounds until unsubscribed. A database out of reach (a Postgres restart in a deploy) is a
   * `retrying` event and a pause (see Outage); what the worker held is in the database, so the
   * next round picks it up where it was.
   */
  async run(): Promise<void> {
    const outage = new Outage(this.deps.options.pollMs)
    while (!this.signal.aborted) {
      try {
        const wait = await this.round()
        outage.over()
        await waitFor(Math.max(5, wait), this.signal)
      } catch (error) {
        if (this.signal.aborted) return
        const pauseMs = outage.pauseAfter(error)
        this.events.next({ type: 'retrying', batchId: null, error })
        await waitFor(pauseMs, this.signal)
      }
    }
  }
}

/** `queue.run$()`: cold; each subscription is a worker until unsubscribed. */
export const worker$ = (deps: WorkerDeps): Observable<QueueEvent> =>
  new Observable<QueueEvent>((subscriber) => {
    const abort = new AbortController()
    new Worker(deps, subscriber, abort.signal).run().then(
      () => subscriber.complete(),
      (error: unknown) => subscriber.error(error),
    )
    return () => {
      abort.abort()
      // its jobs go to another worker at once instead of when the lease runs out
      deps.rows.release().catch(() => undefined)
    }
  })
