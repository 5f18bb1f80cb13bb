// The body of POST /v1/batch/jobs. Only shapes are checked here; the bounds (1..168 hours,
// metadata lengths, 10,000 inline requests) are validated with readable messages before sending.
import * as t from 'io-ts'
import { ApiEndpoint } from './ApiEndpoint.js'
import { BatchRequest } from './BatchRequest.js'

const nullableString = t.union([t.string, t.null])

/** A job to create: `endpoint`, and either `input_files` (file ids) or inline `requests`. */
export const CreateBatchJobRequest = t.intersection(
  [
    t.type({ endpoint: ApiEndpoint }),
    t.partial({
      input_files: t.union([t.array(t.string), t.null]),
      requests: t.union([t.array(BatchRequest), t.null]),
      model: nullableString,
      agent_id: nullableString,
      metadata: t.union([t.record(t.string, t.string), t.null]),
      timeout_hours: t.number,
    }),
  ],
  'CreateBatchJobRequest',
)
export type CreateBatchJobRequest = t.TypeOf<typeof CreateBatchJobRequest>
