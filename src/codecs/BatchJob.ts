// A batch job as the API returns it from create, get, list and cancel.
import * as t from 'io-ts'
import { ApiEndpoint } from './ApiEndpoint.js'
import { BatchError } from './BatchError.js'
import { BatchJobStatus } from './BatchJobStatus.js'
import { nullable } from './combinators.js'

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
      metadata: nullable(t.UnknownRecord),
      model: nullable(t.string),
      agent_id: nullable(t.string),
      output_file: nullable(t.string),
      error_file: nullable(t.string),
      outputs: nullable(t.array(t.UnknownRecord)),
      started_at: nullable(t.number),
      completed_at: nullable(t.number),
    }),
  ],
  'BatchJob',
)
export type BatchJob = t.TypeOf<typeof BatchJob>
