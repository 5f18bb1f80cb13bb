// The body of POST /v1/batch/jobs. Only shapes are checked here; the bounds (1..168 hours,
// metadata lengths, 10,000 inline requests) are validated with readable messages before sending.
import * as t from 'io-ts'
import { ApiEndpoint } from './ApiEndpoint.js'
import { BatchRequest } from './BatchRequest.js'
import { nullable } from './combinators.js'

/** A job to create: `endpoint`, and either `input_files` (file ids) or inline `requests`. */
export const CreateBatchJobRequest = t.intersection(
  [
    t.type({ endpoint: ApiEndpoint }),
    t.partial({
      input_files: nullable(t.array(t.string)),
      requests: nullable(t.array(BatchRequest)),
      model: nullable(t.string),
      agent_id: nullable(t.string),
      metadata: nullable(t.record(t.string, t.string)),
      timeout_hours: t.number,
    }),
  ],
  'CreateBatchJobRequest',
)
export type CreateBatchJobRequest = t.TypeOf<typeof CreateBatchJobRequest>
