// Many jobs, one poll: when a client watches more than a few jobs at once, their polls are
// answered from pages of the job list (filtered to the jobs not ended, created since the oldest
// watched one) instead of one GET each. A job the list does not show is fetched by id: it ended
// (its terminal snapshot), or the list cannot vouch for it.
import {
  defer,
  map,
  mergeMap,
  type Observable,
  of,
  ReplaySubject,
  type SchedulerLike,
  share,
  take,
  tap,
  timer,
  toArray,
} from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { BatchJobList } from '../codecs/BatchJobList.js'
import type { BatchJobStatus } from '../codecs/BatchJobStatus.js'
import type { ListBatchJobsFilters } from './listFilters.js'
import type { PollJob } from './watchJob.js'

/** Fetches the pages of the job list with `filters` (the client's `listPages$`). */
export type ListPages = (filters: ListBatchJobsFilters) => Observable<BatchJobList>

/** From this many jobs watched at once, their polls go through the list. */
export const LIST_POLL_FROM_JOBS = 5
/**
 * A list fetched at most this long ago answers a poll, or less: the shortest `intervalMs` of the
 * watches running, so no watch is answered with a snapshot older than its own pace.
 */
const LIST_POLL_MAX_AGE_MS = 1_000
/** Jobs per page of the list. */
const PAGE_SIZE = 100
/** The statuses of a job that has not ended: the list is asked for these only. */
const OPEN_STATUSES: ReadonlyArray<BatchJobStatus> = ['QUEUED', 'RUNNING', 'CANCELLATION_REQUESTED']

/** One fetch of the list: the open jobs it showed, by id. */
interface ListSnapshot {
  /** When its first page was asked for. */
  readonly fetchedAt: number
  /** `settled` once its last page has come (or it failed): from then on its age counts. */
  readonly read: { settled: boolean }
  readonly jobs: Observable<ReadonlyMap<string, BatchJob>>
}

/**
 * A `PollJob` that answers from the list while `watched()` holds at least LIST_POLL_FROM_JOBS
 * ids, and through `single` otherwise. The list is trusted for a job only when it shows it: a
 * watched job missing from it (ended and so filtered out, beyond the pages read, or shifted out
 * of a page while paging: the list is not a snapshot) is fetched by id, the same as one poll.
 * A failed list fails every poll waiting on it, once, like a failed poll: each watch's own
 * tolerance decides.
 */
export const listPoll = (
  single: PollJob,
  listPages: ListPages,
  watched: () => ReadonlySet<string>,
  shortestIntervalMs: () => number,
  scheduler: SchedulerLike,
): PollJob => {
  /** Each watched job's `created_at` (seconds), learnt from its snapshots. */
  const createdAt = new Map<string, number>()
  let latest: ListSnapshot | undefined

  const learn = (job: BatchJob): BatchJob => {
    createdAt.set(job.id, job.created_at)
    // bounded: the jobs no longer watched are forgotten
    const current = watched()
    if (createdAt.size > 2 * current.size + 16) {
      for (const id of createdAt.keys()) if (!current.has(id)) createdAt.delete(id)
    }
    return job
  }

  const fetchList = (ids: ReadonlyArray<string>): ListSnapshot => {
    let oldest = Infinity
    for (const id of ids) oldest = Math.min(oldest, createdAt.get(id) ?? Infinity)
    // read at most twice the pages the watched jobs fill: other jobs of the workspace may fill
    // the list too, and the ones past it are fetched by id
    const pages = 2 * Math.ceil(ids.length / PAGE_SIZE) + 1
    const filters: ListBatchJobsFilters = {
      status: OPEN_STATUSES,
      created_after: new Date((oldest - 1) * 1000),
      page_size: PAGE_SIZE,
    }
    // shared by the polls that wait on it, and kept for the ones that come while it is fresh;
    // when every poll waiting on it is unsubscribed, the paging stops (no request after that).
    // That stop waits a tick: a poll takes its job and leaves as soon as the map is emitted,
    // just before the list completes, and the completion must cancel the stop, not follow it.
    const read = { settled: false }
    const settle = (): void => {
      read.settled = true
    }
    const jobs = listPages(filters).pipe(
      take(pages),
      toArray(),
      map((all) => new Map(all.flatMap((page) => page.data.map((job) => [job.id, job] as const)))),
      tap({ next: settle, error: settle }),
      share({
        connector: () => new ReplaySubject<ReadonlyMap<string, BatchJob>>(1),
        resetOnError: true,
        resetOnComplete: false,
        resetOnRefCountZero: () => timer(0, scheduler),
      }),
    )
    return { fetchedAt: scheduler.now(), read, jobs }
  }

  // A list still being read is joined, however long it takes: on a loaded machine, reading the
  // pages can take longer than the shortest interval, and each poll would start a list of its own.
  const isStale = (list: ListSnapshot, maxAgeMs: number): boolean =>
    list.read.settled && scheduler.now() - list.fetchedAt > maxAgeMs

  return (jobId) =>
    defer(() => {
      // a job's first poll is by id: it tells when the job was created, for the list's filter
      if (watched().size < LIST_POLL_FROM_JOBS || !createdAt.has(jobId)) {
        return single(jobId).pipe(map(learn))
      }
      const maxAgeMs = Math.min(LIST_POLL_MAX_AGE_MS, shortestIntervalMs())
      if (latest === undefined || isStale(latest, maxAgeMs)) {
        latest = fetchList([...watched()].filter((id) => createdAt.has(id)))
      }
      return latest.jobs.pipe(
        mergeMap((jobs) => {
          const job = jobs.get(jobId)
          return job === undefined ? single(jobId).pipe(map(learn)) : of(job)
        }),
      )
    })
}
