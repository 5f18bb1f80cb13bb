// A batch job as the API returns it from create, get, list and cancel.
import * as t from 'io-ts'
import { ApiEndpoint } from './ApiEndpoint.js'
import { BatchError } from './BatchError.js'
import { BatchJobStatus } from './BatchJobStatus.js'

const nullableString = t.union([t.string, t.null])
const nullableNumber = t.union([t.number, t.null])

/**
 * A batch job. Times are unix seconds, as on the wire. `outputs` (inline jobs, `inline=true`)
 * stays a list of plain objects: each line is decoded on its own with `BatchResult`, so one bad
 * line cannot make the whole job undecodable.
 */
export const BatchJob = t.intersection(
  [
    t.type({
      id: t.string,
      input_files: t.array(t.string),
      endpoint: ApiEndpoint,
      errors: t.array(BatchError),
      status: BatchJobStatus,
      created_at: t.number,
      total_requests: t.number,
      completed_requests: t.number,
      succeeded_requests: t.number,
      failed_requests: t.number,
    }),
    t.partial({
      object: t.string,
      metadata: t.union([t.UnknownRecord, t.null]),
      model: nullableString,
      agent_id: nullableString,
      output_file: nullableString,
      error_file: nullableString,
      outputs: t.union([t.array(t.UnknownRecord), t.null]),
      started_at: nullableNumber,
      completed_at: nullableNumber,
    }),
  ],
  'BatchJob',
)
export type BatchJob = t.TypeOf<typeof BatchJob>
