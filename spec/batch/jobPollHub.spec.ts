// Many jobs, one poll: a client watching more than a few jobs polls them through the job list,
// and fetches a job by id only for its first poll and for the snapshot after it left the list.
import { startEmulator, type RunningEmulator } from '@mistral-batch-rx/emulator'
import { lastValueFrom, merge, toArray } from 'rxjs'
import { LIST_POLL_FROM_JOBS } from '../../src/batch/jobPollHub.js'
import { createClient, type MistralBatchClient } from '../../src/client.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { call, type Job } from '../../packages/emulator/spec/support/emulatorClient.js'
import { chatRequest } from './emulatorFixture.js'

/** A fixed pace, so rounds are easy to count. */
const WATCH = {
  intervalMs: 50,
  backoff: 1,
  maxIntervalMs: 50,
  emit: 'every',
  pace: 'backoff',
} as const

describe('watching many jobs on one client', () => {
  let emulator: RunningEmulator
  let client: MistralBatchClient

  beforeEach(async () => {
    // 30 requests at 100/s: each job runs about 300 ms after 100 ms in the queue
    emulator = await startEmulator({ port: 0, rate: 100, queueDelayMs: 100 })
    client = createClient({ baseUrl: emulator.url, apiKey: 'k' })
  })
  afterEach(() => emulator.close())

  const createJobs = async (count: number, requests = 30): Promise<Job[]> => {
    const jobs: Job[] = []
    for (let start = 0; start < count; start += 50) {
      const chunk = await Promise.all(
        Array.from({ length: Math.min(50, count - start) }, async () => {
          const answer = await call(emulator.url, 'POST', '/v1/batch/jobs', {
            endpoint: '/v1/chat/completions',
            model: 'mistral-small-latest',
            requests: Array.from({ length: requests }, (_, i) => chatRequest(i)),
          })
          return answer.body as Job
        }),
      )
      jobs.push(...chunk)
    }
    return jobs
  }

  const gets = () => emulator.requests.filter((request) => request.method === 'GET')
  const byId = (jobId: string) =>
    gets().filter((request) => request.path === `/v1/batch/jobs/${jobId}`).length
  const lists = () => gets().filter((request) => request.path === '/v1/batch/jobs').length

  /** Watches every job to its end; each watcher's snapshots. */
  const watchAll = (jobs: ReadonlyArray<Job>) =>
    lastValueFrom(
      merge(...jobs.map((job) => client.batch.watchJob$(job.id, WATCH).pipe(toArray()))).pipe(
        toArray(),
      ),
    )

  it('polls 12 running jobs through the list: by id only at their first poll and at their end', async () => {
    const jobs = await createJobs(12)
    emulator.clearRequests()
    const seen: BatchJob[][] = await watchAll(jobs)
    expect(seen).toHaveLength(12)
    for (const snapshots of seen) {
      expect(snapshots.at(-1)?.status).toBe('SUCCESS')
      const completed = snapshots.map((job) => job.completed_requests)
      expect(completed).toEqual([...completed].sort((a, b) => a - b))
    }
    // by id: each job's first poll and its end; and, on a loaded machine where the jobs end
    // apart, the last few watched (fewer than LIST_POLL_FROM_JOBS) are polled by id each round
    const polls = seen.reduce((sum, snapshots) => sum + snapshots.length, 0)
    const rounds = Math.max(...seen.map((snapshots) => snapshots.length))
    for (const job of jobs) expect(byId(job.id)).toBeGreaterThanOrEqual(2)
    const ids = jobs.reduce((sum, job) => sum + byId(job.id), 0)
    expect(ids).toBeLessThanOrEqual(2 * 12 + (LIST_POLL_FROM_JOBS - 1) * rounds)
    // every round of 12 watchers' polls cost one page of the list: far fewer than 12 a round
    expect(lists()).toBeGreaterThan(0)
    expect(lists()).toBeLessThanOrEqual(rounds + 1)
    expect(lists() + 24).toBeLessThan(polls / 2)
    // asked for the open jobs since the oldest watched one, a page of 100
    const query = emulator.requests.find((request) => request.path === '/v1/batch/jobs')?.query
    expect(query?.status).toEqual(['QUEUED', 'RUNNING', 'CANCELLATION_REQUESTED'])
    expect(query?.page_size).toBe('100')
    expect(Date.parse(String(query?.created_after))).toBeLessThanOrEqual(
      Math.min(...jobs.map((job) => Number(job.created_at))) * 1000,
    )
  })

  it('polls 250 jobs through pages of 100, by id mostly at their first and last polls', async () => {
    // the jobs wait in the queue until all are watched: creating 250 jobs of 300 requests takes
    // longer than one runs (3 s) on a loaded machine, and a job that ended before its first poll
    // is never listed
    await emulator.close()
    const queueDelayMs = 600_000
    emulator = await startEmulator({ port: 0, rate: 100, queueDelayMs })
    client = createClient({ baseUrl: emulator.url, apiKey: 'k' })
    const jobs = await createJobs(250, 300)
    emulator.clearRequests()
    const watched = watchAll(jobs)
    emulator.clock.step(queueDelayMs)
    const seen: BatchJob[][] = await watched
    expect(seen.every((snapshots) => snapshots.at(-1)?.status === 'SUCCESS')).toBe(true)
    for (const job of jobs) expect(byId(job.id)).toBeGreaterThanOrEqual(1)
    const ids = jobs.reduce((sum, job) => sum + byId(job.id), 0)
    // first polls and terminal snapshots, plus the few shifted out of a page as jobs ended
    // while it was read (a job may be shifted in more than one round)
    expect(ids).toBeLessThanOrEqual(2 * 250 + 50)
    // without the list, every poll would be a GET by id: the list's pages cost a fraction
    const polls = seen.reduce((sum, snapshots) => sum + snapshots.length, 0)
    expect(lists() * 5).toBeLessThan(polls - ids)
    const pages = emulator.requests
      .filter((request) => request.path === '/v1/batch/jobs')
      .map((request) => Number(request.query.page))
    expect(Math.max(...pages)).toBeLessThanOrEqual(2)
  }, 30_000)

  it(`polls each job by id while fewer than ${LIST_POLL_FROM_JOBS} are watched`, async () => {
    const jobs = await createJobs(LIST_POLL_FROM_JOBS - 1)
    emulator.clearRequests()
    const seen = await watchAll(jobs)
    expect(seen.every((snapshots) => snapshots.at(-1)?.status === 'SUCCESS')).toBe(true)
    expect(lists()).toBe(0)
    for (const job of jobs) {
      const snapshots = seen.find((each) => each[0]?.id === job.id)
      expect(byId(job.id)).toBe(snapshots?.length)
    }
  })
})
