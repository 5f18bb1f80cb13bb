// What a caller passes to create$: the job to create and how to send it.
import type { ApiEndpoint } from '../codecs/ApiEndpoint.js'

/** One inline request of a job: the endpoint's request `body` and an optional `custom_id`. */
export interface BatchRequestInput {
  /** Finds this request's result among the outputs; unique within a job when given. */
  readonly custom_id?: string | null
  /** The request body of the target endpoint, e.g. `{ messages: [...] }` for chat. */
  readonly body: Readonly<Record<string, unknown>>
}

/**
 * A batch job to create, in the wire's own field names: `endpoint`, and exactly one of
 * `input_files` (ids of uploaded batch files) or inline `requests` (at most 10,000).
 */
export interface CreateBatchJobInput {
  /** The endpoint every request targets, e.g. `'/v1/chat/completions'`. */
  readonly endpoint: ApiEndpoint
  /** Ids (UUIDs) of uploaded files of purpose `batch`. */
  readonly input_files?: ReadonlyArray<string>
  /** Inline requests, at most 10,000; their results come back in the job's `outputs`. */
  readonly requests?: ReadonlyArray<BatchRequestInput>
  /** The model; may be left out when every request body names one. */
  readonly model?: string | null
  /** An agent to run the requests with, instead of a model. */
  readonly agent_id?: string | null
  /** Up to your own labels: keys of 1 to 32 characters, string values of 1 to 512. */
  readonly metadata?: Readonly<Record<string, string>> | null
  /**
   * Hours after which the job stops with `TIMEOUT_EXCEEDED`, an integer in 1..168.
   * @default 24
   */
  readonly timeout_hours?: number
}

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
  /** Aborting it ends the create (and any recovery in progress) with a `NetworkError`. */
  readonly signal?: AbortSignal
}
