// What an emulator kept of the jobs a queue sent it, read back from its data dir: each job's
// record (its creation to the millisecond, its metadata) and the custom_ids it was sent; and the
// check that no custom_id was in two jobs that could have been running at once.
import type { LoggedRequest } from '@mistral-batch-rx/emulator'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { JobRecord } from '../../../emulator/src/jobs/jobRecord.js'

/** A job as the emulator stored it. */
export interface EmulatorJob {
  readonly id: string
  /** When the emulator created it, ms since the epoch (its clock, the one of its request log). */
  readonly createdMs: number
  readonly status: string
  readonly metadata: Readonly<Record<string, string>> | null
  readonly totalRequests: number
  /** The custom_ids of its requests, in the order sent. */
  readonly customIds: ReadonlyArray<string>
}

const JOB_FILE = /^([0-9a-f-]{36})\.json$/

/**
 * The inline jobs in an emulator's `dataDir` (every job of a queue is inline up to
 * MAX_INLINE_REQUESTS requests): its records `jobs/<id>.json`, their requests beside them in
 * `jobs/<id>.requests.jsonl`.
 */
export const readEmulatorJobs = async (dataDir: string): Promise<EmulatorJob[]> => {
  const dir = join(dataDir, 'jobs')
  const ids = (await readdir(dir)).flatMap((name) => JOB_FILE.exec(name)?.[1] ?? [])
  return Promise.all(
    ids.map(async (id): Promise<EmulatorJob> => {
      const record = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as JobRecord
      if (!record.inline) throw new Error(`job ${id} has input files: only inline jobs are read`)
      const requests = await readFile(join(dir, `${id}.requests.jsonl`), 'utf8')
      const customIds = requests
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { custom_id: string }).custom_id)
      return {
        id,
        createdMs: record.created_ms,
        status: record.status,
        metadata: record.metadata,
        totalRequests: record.total_requests,
        customIds,
      }
    }),
  )
}

/** A custom_id sent in job `later` before the results of job `earlier`, which held it too, were read. */
export interface LiveOverlap {
  readonly customId: string
  readonly earlier: string
  readonly later: string
  /** When `earlier`'s results were first asked for (undefined: never). */
  readonly earlierReadMs: number | undefined
  readonly laterCreatedMs: number
}

/**
 * Every custom_id sent again while a job holding it may still have been running. The queue asks
 * for a job's results (`GET /v1/batch/jobs/:id?inline=true`) only once a poll saw it ended, and
 * queues a request again only after that; so for each custom_id in several jobs, taken in order of
 * creation, each job's results must have been asked for before the next job was created. Both
 * times are the emulator's own clock, to the millisecond.
 */
export const liveOverlaps = (
  jobs: ReadonlyArray<EmulatorJob>,
  log: ReadonlyArray<LoggedRequest>,
): LiveOverlap[] => {
  const firstRead = new Map<string, number>()
  for (const entry of log) {
    const id = /^\/v1\/batch\/jobs\/([^/]+)$/.exec(entry.path)?.[1]
    if (entry.method !== 'GET' || id === undefined || entry.query.inline !== 'true') continue
    firstRead.set(id, Math.min(firstRead.get(id) ?? Infinity, entry.time))
  }
  const jobsOf = new Map<string, EmulatorJob[]>()
  for (const job of jobs) {
    for (const customId of job.customIds) {
      const holding = jobsOf.get(customId) ?? []
      holding.push(job)
      jobsOf.set(customId, holding)
    }
  }
  const overlaps: LiveOverlap[] = []
  for (const [customId, holding] of jobsOf) {
    const inOrder = [...holding].sort((a, b) => a.createdMs - b.createdMs)
    for (let i = 1; i < inOrder.length; i++) {
      const [earlier, later] = [inOrder[i - 1] as EmulatorJob, inOrder[i] as EmulatorJob]
      const earlierReadMs = firstRead.get(earlier.id)
      if (earlierReadMs !== undefined && earlierReadMs < later.createdMs) continue
      overlaps.push({
        customId,
        earlier: earlier.id,
        later: later.id,
        earlierReadMs,
        laterCreatedMs: later.createdMs,
      })
    }
  }
  return overlaps
}
