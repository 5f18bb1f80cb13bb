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

/**
 * Where a job stands in its input and its output files; written durably after each flush:
 * - `fileIndex`: index in the job's inputs of the file being read;
 * - `offset`: byte offset just after the last processed line of that file;
 * - `outputBytes`/`outputLines`, `errorBytes`/`errorLines`: what the output and error files hold;
 * - `outputFileId`/`errorFileId`: ids reserved for them (registered when the job ends).
 */
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

/**
 * What the emulator stores for a job: every BatchJob field but `outputs`, plus
 * - `timeout_hours`: the job's timeout, in hours of the scaled clock;
 * - `created_ms`: creation time in ms on the emulator's clock (deadlines are measured from it);
 * - `inline`: true when the requests came inline (their JSONL is kept beside the record);
 * - `request_count`: how many inline requests the job has (null for a file job);
 * - `seq`: creation order, to sort jobs made within the same second;
 * - `creator`: the fingerprint of the bearer token that created the job (see `requesterOf`),
 *   `null` when it came without one; absent in records stored before it was kept (then `null`);
 * - `progress`: see JobProgress.
 * Exact: a field the schema does not know is dropped, never served.
 */
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
