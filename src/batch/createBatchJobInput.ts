// What a caller passes to create$: the job to create and how to send it.
import type { BatchRequest } from '../codecs/BatchRequest.js'
import type { CreateBatchJobRequest } from '../codecs/CreateBatchJobRequest.js'

/** One inline request of a job: the endpoint's request `body` and an optional `custom_id`. */
export type BatchRequestInput = BatchRequest

/**
 * A batch job to create, in the wire's own field names: `endpoint`, and exactly one of
 * `input_files` (ids of uploaded batch files) or inline `requests` (at most 10,000), as the
 * `CreateBatchJobRequest` codec defines it.
 */
export type CreateBatchJobInput = CreateBatchJobRequest

/**
 * The fields of the jobs that `runBatch$`, the batcher and the queue create, in the wire's own
 * names: everything of a create request but its requests or files.
 */
export type BatchJobFields = Omit<CreateBatchJobInput, 'input_files' | 'requests'>

/** Options of `create$`. */
export interface CreateBatchJobOptions {
  /**
   * Makes the create safe to retry after an ambiguous failure (a timeout, a connection reset
   * after sending, a 500, 502 or 504): the key is stored in the job's metadata under
   * `idempotency_key`, and before creating again the client looks for a job carrying it and
   * returns that one instead. 1 to 512 characters; the request's own metadata must not use
   * `idempotency_key`.
   * @default undefined (no recovery: only provably unprocessed failures are retried)
   */
  readonly idempotencyKey?: string
  /**
   * Send an `endpoint` this client does not know (the server's list grows) instead of
   * rejecting it.
   * @default false
   */
  readonly allowUnknownEndpoint?: boolean
  /**
   * Check the body of every inline request against the endpoint's request codec
   * (`ChatCompletionRequest`, ...) before sending: a body that does not fit is an
   * `InvalidRequestError` naming the request and the path, and no job is created. `false` sends
   * the bodies unchecked; an endpoint this client does not know is never checked.
   * @default true
   */
  readonly validateBodies?: boolean
  /** Aborting it ends the create (and any recovery in progress) with a `NetworkError`. */
  readonly signal?: AbortSignal
}
