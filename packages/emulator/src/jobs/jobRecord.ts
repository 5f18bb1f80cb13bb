// A batch job as the emulator keeps it (wire fields plus progress), its schema, and its wire form (BatchJob).
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import {
  Count,
  decodeRecord,
  FiniteNumber,
  Integer,
  nullable,
  oneOf,
  Uuid,
} from '../store/recordStore.js'

/** Job statuses of the spec (a deliberate copy of the wire enum: the emulator imports no client code). */
export const JOB_STATUSES = [
  'QUEUED',
  'RUNNING',
  'SUCCESS',
  'FAILED',
  'TIMEOUT_EXCEEDED',
  'CANCELLATION_REQUESTED',
  'CANCELLED',
] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** Statuses after which a job never changes again. */
const TERMINAL: JobStatus[] = ['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED']
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(TERMINAL)

/** Where a job stands, saved after each flush: the input file and the byte after its last processed
 * line, what the output and error files hold, and their ids (registered when the job ends). */
export const JobProgress = t.type(
  {
    fileIndex: Count,
    offset: Count,
    outputBytes: Count,
    outputLines: Count,
    errorBytes: Count,
    errorLines: Count,
    outputFileId: Uuid,
    errorFileId: Uuid,
  },
  'JobProgress',
)
export type JobProgress = t.TypeOf<typeof JobProgress>

export const JobError = t.type({ message: t.string, count: Integer }, 'BatchError')
export type JobError = t.TypeOf<typeof JobError>

/** A stored job: BatchJob but `outputs`, plus `timeout_hours` (scaled clock), `created_ms`
 * (deadlines count from it), `inline` with `request_count` (its JSONL kept beside the record),
 * `seq` (order within a second), `creator` (bearer fingerprint, see `requesterOf`; null without
 * one, and in older records) and `progress`. Exact: an unknown field is dropped, never served. */
export const JobRecord = t.exact(
  t.type({
    id: Uuid,
    object: t.literal('batch'),
    input_files: t.array(Uuid),
    metadata: nullable(t.record(t.string, t.string)),
    endpoint: t.string,
    model: nullable(t.string),
    agent_id: nullable(t.string),
    output_file: nullable(Uuid),
    error_file: nullable(Uuid),
    errors: t.array(JobError),
    status: oneOf('BatchJobStatus', JOB_STATUSES),
    created_at: Integer,
    total_requests: Count,
    completed_requests: Count,
    succeeded_requests: Count,
    failed_requests: Count,
    started_at: nullable(Integer),
    completed_at: nullable(Integer),
    timeout_hours: FiniteNumber,
    created_ms: FiniteNumber,
    inline: t.boolean,
    request_count: nullable(Count),
    seq: Count,
    creator: t.union([t.string, t.null, t.undefined]),
    progress: JobProgress,
  }),
  'JobRecord',
)
export type JobRecord = t.TypeOf<typeof JobRecord>

/** A job record read back from disk, or the first thing wrong with it (counters that do not add up too). */
export const decodeJobRecord = (u: unknown): E.Either<string, JobRecord> => {
  const decoded = decodeRecord(JobRecord)(u)
  if (E.isLeft(decoded)) return decoded
  const { total_requests: total, completed_requests: completed } = decoded.right
  const counted = decoded.right.succeeded_requests + decoded.right.failed_requests
  if (counted !== completed) {
    return E.left(
      `succeeded_requests + failed_requests is ${counted}, expected completed_requests (${completed})`,
    )
  }
  if (completed <= total) return decoded
  return E.left(`completed_requests is ${completed}, more than total_requests (${total})`)
}

/** The fields a job record keeps beyond BatchJob's, never served. */
const INTERNAL_FIELDS = [
  'timeout_hours',
  'created_ms',
  'inline',
  'request_count',
  'seq',
  'progress',
  'creator',
] as const

/** The wire form of a job: every BatchJob field, `outputs` as given (null unless asked for). */
export type WireJob = Omit<JobRecord, (typeof INTERNAL_FIELDS)[number]> & {
  outputs: Array<Record<string, unknown>> | null
}

export const toWireJob = (record: JobRecord, outputs: WireJob['outputs'] = null): WireJob => {
  const wire: Record<string, unknown> = { ...record, outputs }
  for (const field of INTERNAL_FIELDS) delete wire[field]
  return wire as WireJob
}
