// A batch job as the emulator keeps it (wire fields plus progress), and its wire form (BatchJob).

/** Job statuses of the spec. */
export const JOB_STATUSES = [
  'QUEUED',
  'RUNNING',
  'SUCCESS',
  'FAILED',
  'TIMEOUT_EXCEEDED',
  'CANCELLATION_REQUESTED',
  'CANCELLED',
] as const
/** A job status. */
export type JobStatus = (typeof JOB_STATUSES)[number]

/** Statuses after which a job never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  'SUCCESS',
  'FAILED',
  'TIMEOUT_EXCEEDED',
  'CANCELLED',
])

/** Where a job stands in its input and its output files; written durably after each flush. */
export interface JobProgress {
  /** Index in the job's inputs of the file being read. */
  fileIndex: number
  /** Byte offset just after the last processed line of that file. */
  offset: number
  /** Bytes and lines of the output file written so far. */
  outputBytes: number
  outputLines: number
  /** Bytes and lines of the error file written so far. */
  errorBytes: number
  errorLines: number
  /** Ids reserved for the output and error files (registered when the job ends). */
  outputFileId: string
  errorFileId: string
}

/** A batch job error entry. */
export interface JobError {
  message: string
  count: number
}

/** What the emulator stores for a job. */
export interface JobRecord {
  id: string
  object: 'batch'
  input_files: string[]
  metadata: Record<string, string> | null
  endpoint: string
  model: string | null
  agent_id: string | null
  output_file: string | null
  error_file: string | null
  errors: JobError[]
  status: JobStatus
  created_at: number
  total_requests: number
  completed_requests: number
  succeeded_requests: number
  failed_requests: number
  started_at: number | null
  completed_at: number | null
  /** The job's timeout, in hours of the scaled clock. */
  timeout_hours: number
  /** Creation time in ms on the emulator's clock (deadlines are measured from it). */
  created_ms: number
  /** True when the requests came inline (their JSONL is kept beside the record). */
  inline: boolean
  /** How many inline requests the job has (null for a file job). */
  request_count: number | null
  /** Creation order, to sort jobs made within the same second. */
  seq: number
  /**
   * The fingerprint of the bearer token that created the job (see `requesterOf`), `null` when
   * it came without one; absent in records stored before it was kept, which count as `null`.
   */
  creator?: string | null
  progress: JobProgress
}

/** The wire form of a job: every BatchJob field, `outputs` as given (null unless asked for). */
export type WireJob = Omit<
  JobRecord,
  'timeout_hours' | 'created_ms' | 'inline' | 'request_count' | 'seq' | 'progress' | 'creator'
> & {
  outputs: Array<Record<string, unknown>> | null
}

/** The job as the routes return it. */
export const toWireJob = (
  record: JobRecord,
  outputs: Array<Record<string, unknown>> | null = null,
): WireJob => ({
  id: record.id,
  object: 'batch',
  input_files: record.input_files,
  metadata: record.metadata,
  endpoint: record.endpoint,
  model: record.model,
  agent_id: record.agent_id,
  output_file: record.output_file,
  error_file: record.error_file,
  errors: record.errors,
  outputs,
  status: record.status,
  created_at: record.created_at,
  total_requests: record.total_requests,
  completed_requests: record.completed_requests,
  succeeded_requests: record.succeeded_requests,
  failed_requests: record.failed_requests,
  started_at: record.started_at,
  completed_at: record.completed_at,
})
