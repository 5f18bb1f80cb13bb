// The body of POST /v1/batch/jobs. Only shapes are checked here; the bounds (1..168 hours,
// metadata lengths, 10,000 inline requests) are validated with readable messages before sending.
import * as t from 'io-ts'
import { ApiEndpoint } from './ApiEndpoint.js'
import { BatchRequest } from './BatchRequest.js'
import { nullable } from './combinators.js'

/**
 * A batch job to create, in the wire's own field names: `endpoint`, and exactly one of
 * `input_files` (ids of uploaded batch files) or inline `requests` (at most 10,000).
 */
export const CreateBatchJobRequest = t.intersection(
  [
    t.type({
      /** The endpoint every request targets, e.g. `'/v1/chat/completions'`. */
      endpoint: ApiEndpoint,
    }),
    t.partial({
      /** Ids (UUIDs) of uploaded files of purpose `batch`. */
      input_files: nullable(t.readonlyArray(t.string)),
      /** Inline requests, at most 10,000; their results come back in the job's `outputs`. */
      requests: nullable(t.readonlyArray(BatchRequest)),
      /** The model; may be left out when every request body names one. */
      model: nullable(t.string),
      /** An agent to run the requests with, instead of a model. */
      agent_id: nullable(t.string),
      /** Your own labels: keys of 1 to 32 characters, string values of 1 to 512. */
      metadata: nullable(t.record(t.string, t.string)),
      /** Hours after which the job stops with `TIMEOUT_EXCEEDED`, an integer in 1..168 (24). */
      timeout_hours: t.number,
    }),
  ],
  'CreateBatchJobRequest',
)
export type CreateBatchJobRequest = t.TypeOf<typeof CreateBatchJobRequest>
