// resumeBatch$ of a run made with retryFailed: the round of each job read from its metadata, the
// rounds already made followed, and the ones still to make created as runBatch$ would have.
import * as E from 'fp-ts/Either'
import {
  concat,
  concatMap,
  defaultIfEmpty,
  defer,
  forkJoin,
  from,
  ignoreElements,
  mergeMap,
  type Observable,
  of,
  take,
  tap,
  throwError,
} from 'rxjs'
import type { BatchJobFields, BatchRequestInput } from '../batch/createBatchJobInput.js'
import { IDEMPOTENCY_METADATA_KEY } from '../batch/idempotencyKey.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { CustomIdRegistry, registryOf } from '../jsonl/customIdRegistry.js'
import { checkRequests } from '../jsonl/preparedRequest.js'
import type { BatchEvent } from './BatchEvent.js'
import {
  ATTEMPT_METADATA_KEY,
  jobRoundOf,
  type JobRound,
  type ResolvedRetryFailed,
} from './retryFailed.js'
import {
  customIdOfLine,
  requestsByIndex,
  requestsFromFiles,
  type RequestsOf,
} from './retryRequests.js'
import {
  readBackRound$,
  requestsOfRun,
  retryRounds$,
  roundSettings,
  type NextRound,
} from './retryRounds.js'
import { Run } from './runBatch.js'
import type { RunDeps } from './runDeps.js'
import { JobTracker } from './jobTracker.js'
import type { Pricing } from '../usage/usageOptions.js'
import { UsageTally } from '../usage/usageTally.js'
import {
  resolveRunOptions,
  roundShardKey,
  type ResolvedRunOptions,
  type ResumeBatchOptions,
} from './runOptions.js'

/** The jobs of one round of the resumed run, by shard, and how many the round has. */
interface KnownRound {
  readonly jobs: Map<number, BatchJob>
  readonly shards: number
}

const invalid = (field: string, message: string): InvalidRequestError =>
  new InvalidRequestError(`resumeBatch$: ${message}`, { field })

/**
 * The rounds of the jobs, from their `batch_attempt` metadata; a job without it is of the first
 * round, its shard its place among those (a run made without retries, resumed with them).
 */
const roundsOf = (
  jobs: ReadonlyArray<BatchJob>,
  retry: ResolvedRetryFailed,
): E.Either<InvalidRequestError, Map<number, KnownRound>> => {
  const untagged = jobs.filter((job) => jobRoundOf(job.metadata) === undefined).length
  const rounds = new Map<number, KnownRound>()
  let place = 0
  for (const [index, job] of jobs.entries()) {
    const round: JobRound = jobRoundOf(job.metadata) ?? {
      attempt: 1,
      shard: place++,
      shards: untagged,
    }
    if (round.attempt > retry.maxAttempts) {
      return E.left(
        invalid(
          'retryFailed.maxAttempts',
          `job ${job.id} is attempt ${round.attempt} of its run, past maxAttempts ` +
            `(${retry.maxAttempts}): pass the run's retryFailed`,
        ),
      )
    }
    const known = rounds.get(round.attempt) ?? { jobs: new Map(), shards: round.shards }
    if (known.jobs.has(round.shard)) {
      return E.left(
        invalid(
          `jobIds[${index}]`,
          `job ${job.id} is shard ${round.shard} of attempt ${round.attempt}, as another job given`,
        ),
      )
    }
    known.jobs.set(round.shard, job)
    rounds.set(round.attempt, { jobs: known.jobs, shards: Math.max(known.shards, round.shards) })
  }
  if (!rounds.has(1)) {
    return E.left(
      invalid(
        'jobIds',
        "none of the jobs is of the run's first round: pass every job of the run (the jobIds " +
          'of its last created event)',
      ),
    )
  }
  return E.right(rounds)
}

/** The run's idempotency key: a job's key without its round and shard suffix. */
const runKeyOf = (rounds: ReadonlyMap<number, KnownRound>): string => {
  for (const [attempt, { jobs }] of rounds) {
    for (const [shard, job] of jobs) {
      const key = job.metadata?.[IDEMPOTENCY_METADATA_KEY]
      const suffix = attempt === 1 ? `-${shard}` : `-r${attempt}-${shard}`
      if (typeof key === 'string' && key.endsWith(suffix) && key.length > suffix.length) {
        return key.slice(0, -suffix.length)
      }
    }
  }
  // jobs made without a key: one from the first job, the same at every resume of them
  const first = [...(rounds.get(1)?.jobs.values() ?? [])][0]
  return `resume-${first?.id ?? 'run'}`
}

const RESERVED_METADATA = [IDEMPOTENCY_METADATA_KEY, ATTEMPT_METADATA_KEY]

/** The fields a job was created with, as far as the API tells them (not `timeout_hours`). */
const jobFieldsOf = (job: BatchJob): BatchJobFields => {
  const metadata = Object.fromEntries(
    Object.entries(job.metadata ?? {}).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && !RESERVED_METADATA.includes(entry[0]),
    ),
  )
  return {
    endpoint: job.endpoint,
    ...(job.model == null ? {} : { model: job.model }),
    ...(job.agent_id == null ? {} : { agent_id: job.agent_id }),
    ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
  }
}

const isInline = (job: BatchJob): boolean => job.input_files.length === 0

const inShardOrder = (round: KnownRound): BatchJob[] =>
  [...round.jobs].sort(([a], [b]) => a - b).map(([, job]) => job)

const needsRequests = (job: BatchJob, what: string): InvalidRequestError =>
  invalid(
    'requests',
    `job ${job.id} was sent inline, and the API cannot give its requests back: pass the run's ` +
      `requests to ${what}`,
  )

/** One resumed run: its jobs by round, its settings, and where its requests are read back from. */
class ResumedRun<B, C> {
  /** Where each followed round's requests are read back from, by attempt. */
  private readonly sources = new Map<number, RequestsOf>()
  private readonly tracker = new JobTracker()
  /** The usage of every round's lines. */
  private readonly usage = new UsageTally()
  /** The run's custom_ids, once known (`followFirst`). */
  private ids = new CustomIdRegistry()

  constructor(
    private readonly deps: RunDeps<B, C>,
    private readonly jobIds: string[],
    private readonly rounds: ReadonlyMap<number, KnownRound>,
    private readonly settings: ResolvedRunOptions,
    private readonly requests: ReadonlyArray<BatchRequestInput> | undefined,
    private readonly allowUnknownEndpoint: boolean | undefined,
    private readonly pricing: Pricing | undefined,
  ) {}

  private get firstRound(): KnownRound {
    return this.rounds.get(1) as KnownRound
  }

  /** The run's custom_ids: from the requests, expected, or read back from the input files. */
  registry$(expected: Iterable<string> | undefined): Observable<CustomIdRegistry> {
    // the requests first: an inline round's requests are found by their index among them
    const { requests } = this
    if (requests !== undefined) {
      return defer(() => {
        const registry = new CustomIdRegistry()
        return fromEither(E.map(() => registry)(checkRequests(requests, registry)))
      })
    }
    if (expected !== undefined) return defer(() => fromEither(registryOf(expected)))
    const jobs = inShardOrder(this.firstRound)
    const inline = jobs.find(isInline)
    if (inline !== undefined) {
      return throwError(() => needsRequests(inline, 'know its custom_ids (or expectedCustomIds)'))
    }
    return defer(() => {
      const registry = new CustomIdRegistry()
      const files = jobs.flatMap((job) => job.input_files)
      return concat(
        ...files.map((fileId) => this.deps.storedLines$(fileId, this.settings.maxFileBytes)),
      ).pipe(
        mergeMap((line) => {
          const id = line === null ? undefined : customIdOfLine(line)
          if (id === undefined) return []
          const index = registry.count
          // an id that is its index, as runBatch$ assigns them, costs a byte, not a string
          const added = registry.add(index, id === String(index) ? undefined : id)
          return E.isLeft(added) ? throwError(() => added.left) : []
        }),
        ignoreElements(),
        defaultIfEmpty(registry),
      )
    })
  }

  /** The first round, followed as it is, its requests the run's `ids`. */
  followFirst(ids: CustomIdRegistry): Run<B, C> {
    this.ids = ids
    return this.followed(1, this.firstRound, ids, this.settings)
  }

  /** The round of `attempt` after `previous`, for the requests `ids`. */
  next$(
    previous: Run<B, C>,
    attempt: number,
    ids: ReadonlyArray<string>,
  ): Observable<NextRound<B, C>> {
    const settings = roundSettings(this.settings, previous, attempt)
    return this.complete$(attempt).pipe(
      concatMap((round): Observable<NextRound<B, C>> => {
        if (round !== undefined && round.jobs.size >= round.shards) {
          const registry = registryOf(ids)
          if (E.isLeft(registry)) return throwError(() => registry.left)
          const run = this.followed(attempt, round, registry.right, settings)
          return of({ run, setup: false, notFound: [] })
        }
        // a round a crash left unmade or half made: made again, its jobs found, not duplicated
        const source = this.sources.get(attempt - 1) ?? requestsOfRun(previous)
        return readBackRound$(previous, source, settings, attempt, ids, round?.jobs ?? new Map())
      }),
    )
  }

  /** The known round of `attempt`, its missing shards looked for by key (a create not recorded). */
  complete$(attempt: number): Observable<KnownRound | undefined> {
    const round = this.rounds.get(attempt)
    if (round === undefined || round.jobs.size >= round.shards) return of(round)
    const missing = Array.from({ length: round.shards }, (_, shard) => shard).filter(
      (shard) => !round.jobs.has(shard),
    )
    return from(missing).pipe(
      concatMap((shard) =>
        this.deps.findJob$(roundShardKey(this.settings, attempt, shard)).pipe(
          take(1),
          tap((job) => {
            round.jobs.set(shard, job)
            if (!this.jobIds.includes(job.id)) this.jobIds.push(job.id)
          }),
        ),
      ),
      ignoreElements(),
      defaultIfEmpty(round),
    )
  }

  /** A round followed as it is: its jobs, the ids it was sent (`registry`), no setup. */
  private followed(
    attempt: number,
    round: KnownRound,
    registry: CustomIdRegistry,
    settings: ResolvedRunOptions,
  ): Run<B, C> {
    const run = new Run(
      this.deps,
      [],
      settings,
      this.allowUnknownEndpoint,
      this.pricing,
      { attempt, tracker: this.tracker, jobIds: this.jobIds, usage: this.usage },
      registry,
    )
    const jobs = inShardOrder(round)
    for (const job of jobs) {
      run.shards.push({ shard: run.shards.length, count: job.total_requests, jobId: job.id })
    }
    this.sources.set(attempt, this.sourceOfJobs(jobs))
    return run
  }

  private sourceOfJobs(jobs: ReadonlyArray<BatchJob>): RequestsOf {
    const inline = jobs.find(isInline)
    if (inline === undefined) {
      const files = jobs.flatMap((job) => job.input_files)
      return requestsFromFiles(this.deps, files, this.settings.maxFileBytes)
    }
    const { requests, ids } = this
    if (requests === undefined) {
      return () => throwError(() => needsRequests(inline, 'send its failed requests again'))
    }
    // the run's input, each request found by its index in the first round
    return requestsByIndex((index) => requests[index], ids)
  }
}

const fromEither = <A>(either: E.Either<InvalidRequestError, A>): Observable<A> =>
  E.isLeft(either) ? throwError(() => either.left) : of(either.right)

/**
 * `resumeBatch$` with `retryFailed`: an Observable that, when subscribed, gets each job once to
 * read its round, then follows the rounds made and makes the ones left (see `ResumeBatchOptions`).
 */
export const resumeRounds$ = <B, C>(
  deps: RunDeps<B, C>,
  jobIds: ReadonlyArray<string>,
  options: ResumeBatchOptions<B, C>,
  retry: ResolvedRetryFailed,
  pricing: Pricing | undefined,
): Observable<BatchEvent<B, C>> =>
  forkJoin(jobIds.map((jobId) => deps.watchJob$(jobId, options.watch).pipe(take(1)))).pipe(
    concatMap((jobs) => {
      const rounds = roundsOf(jobs, retry)
      if (E.isLeft(rounds)) return throwError(() => rounds.left)
      const firstJobs = inShardOrder(rounds.right.get(1) as KnownRound)
      // the options left are runBatch$'s own, the settings of the rounds still to make
      const { expectedCustomIds, requests, job, retryFailed, ...runOptions } = options
      const settings = resolveRunOptions(
        {
          ...runOptions,
          job: job ?? jobFieldsOf(firstJobs[0] as BatchJob),
          mode: firstJobs.some(isInline) ? 'inline' : 'file',
          idempotencyKey: runKeyOf(rounds.right),
          ...(retryFailed === undefined ? {} : { retryFailed }),
        },
        'resumeBatch$',
      )
      if (E.isLeft(settings)) return throwError(() => settings.left)
      const resumed = new ResumedRun(
        deps,
        [...jobIds],
        rounds.right,
        settings.right,
        requests,
        options.allowUnknownEndpoint,
        pricing,
      )
      return resumed.complete$(1).pipe(
        concatMap(() => resumed.registry$(expectedCustomIds)),
        concatMap((registry) => {
          const first = resumed.followFirst(registry)
          return retryRounds$(
            first,
            retry,
            (previous, attempt, ids) => resumed.next$(previous, attempt, ids),
            false,
          )
        }),
      )
    }),
  )
