// createClient: validates the config once and binds every resource to it.
import { createBatchApi, type BatchApi } from './batch/index.js'
import {
  resolveConfig,
  type ClientConfig,
  type ResolvedConfig,
  type ResolvedRetryOptions,
} from './config.js'
import { createFilesApi, type FilesApi } from './files/index.js'
import { httpContext } from './http/HttpContext.js'
import type { Observable } from 'rxjs'
import type { ResultCodecs } from './batch/resultCodecs.js'
import type { ResultLine } from './batch/resultLine.js'
import type { BatchEvent } from './run/BatchEvent.js'
import type { Batcher } from './run/batcherTypes.js'
import { createClientBatcher, type ClientBatcherOptions } from './run/clientBatcher.js'
import { resumeBatch$ } from './run/resumeBatch.js'
import type { RunRequests } from './jsonl/requestCursor.js'
import { runBatch$ } from './run/runBatch.js'
import { runDepsFor } from './run/runDeps.js'
import type { ResumeBatchOptions, RunBatchOptions } from './run/runOptions.js'

/**
 * What a client tells about its config: the limits and timing in use, never the API key (nor
 * the headers, which may carry a token).
 */
export type ClientInfo = Pick<
  ResolvedConfig,
  | 'baseUrl'
  | 'timeoutMs'
  | 'userAgent'
  | 'allowInsecureHttp'
  | 'maxJsonBodyBytes'
  | 'maxResultLineLength'
  | 'maxPages'
> & { readonly retry: Omit<ResolvedRetryOptions, 'random'> }

/** A Mistral Batch client. Every operation returns a cold Observable: nothing is sent before subscribe. */
export interface MistralBatchClient {
  /** Batch job operations. */
  readonly batch: BatchApi
  /** Files API operations: upload, list, get, delete, signed URL, download. */
  readonly files: FilesApi
  /**
   * An Observable that, when subscribed, runs `requests` as batch jobs and emits the run as events:
   * `uploaded` per input file (file mode), `created` per job, `progress` per job snapshot (with
   * the counters summed across jobs, and the `usage` of the lines streamed so far), `result` per
   * result line joined to its request (its `response.body` decoded with `body` and its JSON answer
   * with `content`, as `results$` does, which type the events), and last `completed` with every
   * job's final snapshot and a summary (succeeded, failed, `missing`, `unexpected`, `duplicates`,
   * `usage` by model and, given `price`, `estimatedCost` at the batch rate).
   *
   * Requests without a `custom_id` get their input index as text; the ids are checked unique as
   * the input is read (an array is checked whole before anything is sent). In file mode each shard
   * of at most `maxRequestsPerJob` requests and `maxFileBytes` bytes is encoded and uploaded as it
   * streams in; jobs are created only once the whole input has been read and checked, so a bad
   * request never leaves a job behind. On an input, upload or create failure the run ends with
   * that error after deleting the files it uploaded and cancelling any job it created (all or
   * nothing). The join keeps the custom_ids only, never the bodies. Unsubscribing deletes uploaded
   * files no job uses yet and, with `cancelOnUnsubscribe`, cancels the jobs still running (a
   * create in flight at that moment is aborted, but the server may have made the job: it is then
   * neither reported nor cancelled). A job that ends `FAILED`, `CANCELLED` or `TIMEOUT_EXCEEDED`
   * does not end the stream: its results are streamed and `completed` reports its status.
   *
   * Iterables and async iterables are read only as fast as the upload sends them; an Observable
   * cannot be slowed, so what it pushes ahead of the upload waits in memory. An upload is retried
   * (after a 429) only from an array, which can be read again; from a one-shot source the run
   * fails with the upload's error. Inline mode holds the requests of all its jobs in memory.
   *
   * With `retryFailed`, once every job of a round has ended, the requests whose result failed
   * retryably (429 or 5xx, or as `when` says) or that got none go again in a round of new jobs, up
   * to `maxAttempts` in all: a `retrying` event starts each round, the `result` events are each
   * request's last attempt (`attempt` on each), and the summary counts requests, `retried` and
   * `attempts`. The requests sent again are read back from the input (an array), the inline jobs'
   * lists, or the round's uploaded files (a stream): only the failed ones are kept.
   */
  readonly runBatch$: <B = unknown, C = never>(
    requests: RunRequests,
    options: RunBatchOptions<B, C>,
  ) => Observable<BatchEvent<B, C>>
  /**
   * An Observable that, when subscribed, re-attaches to jobs started earlier (by `runBatch$`,
   * whose `created` events carry their ids, or any other way): it watches every job, emitting
   * `progress` events, streams each job's results as `result` events once it has ended, and
   * completes with a `completed` event, like `runBatch$` (the job of `jobIds[k]` is shard `k`).
   *
   * The request bodies and ids are not known to the server's job, so without
   * `expectedCustomIds` the summary cannot list `missing` ids (it stays empty, `idsKnown` is false,
   * `total` is the jobs' `total_requests`) and every result counts as expected: only duplicates are
   * told. Pass the ids sent (the request indexes as text, for requests that had none) to get the
   * full summary. A job id that is not a UUID, or repeated, is an `InvalidRequestError`.
   *
   * With `retryFailed` (the run's), the jobs may be of several rounds: each one's round is read
   * from its metadata, the rounds made are followed and the next ones made as `runBatch$` would
   * (the same idempotency keys: a job made before a crash is found, never made twice).
   */
  readonly resumeBatch$: <B = unknown, C = never>(
    jobIds: ReadonlyArray<string>,
    options?: ResumeBatchOptions<B, C>,
  ) => Observable<BatchEvent<B, C>>
  /**
   * A micro-batcher whose jobs are inline batch jobs run through this client: `submit$(body)`
   * emits the `ResultLine` of that one request (read with the `body` and `content` codecs, if
   * given), then completes. Throws an
   * `InvalidRequestError` for an unknown option, a `job` that would fail the create (a missing
   * endpoint, a bad `timeout_hours`...), or a value out of range.
   */
  readonly batcher: <B = unknown, C = never>(
    options: ClientBatcherOptions<B, C>,
  ) => Batcher<ResultLine<B, C>>
  /** The config in use, without the API key. */
  readonly config: ClientInfo
}

/**
 * Creates a client. Throws `InvalidRequestError` at once for an invalid config: no API key (and
 * no `MISTRAL_API_KEY`), a malformed base URL, or plain `http:` to a non-loopback host.
 */
export const createClient = (config: ClientConfig = {}): MistralBatchClient => {
  const resolved = resolveConfig(config)
  const ctx = httpContext(resolved)
  const batch = createBatchApi(ctx)
  // each run reads its results with the codecs of its options, checked before any is read
  const runDeps = <B, C>(options?: ResultCodecs<B, C>) => runDepsFor(ctx, batch.watchJob$, options)
  return {
    batch,
    files: createFilesApi(ctx),
    runBatch$: (requests, options) => runBatch$(runDeps(options), requests, options),
    resumeBatch$: (jobIds, options) => resumeBatch$(runDeps(options), jobIds, options),
    batcher: (options) => createClientBatcher(runDeps(options), options, resolved.scheduler),
    config: clientInfo(resolved),
  }
}

/** The operations of the API alone, `batch` and `files`: a client without the run layer. */
export type MistralApiClient = Pick<MistralBatchClient, 'batch' | 'files' | 'config'>

/**
 * Creates a client of the API operations alone (`batch`, `files`), with the config and checks of
 * `createClient`. An app that lists, watches and reads jobs but never runs a whole batch in this
 * process (a dashboard, an Angular page over a backend's jobs) imports this one: a bundler then
 * leaves out `runBatch$`, `resumeBatch$`, the batcher and their retries, which `createClient`'s
 * object holds whether they are called or not (a bundler drops unused exports, never unused
 * properties).
 */
export const createApiClient = (config: ClientConfig = {}): MistralApiClient => {
  const resolved = resolveConfig(config)
  const ctx = httpContext(resolved)
  return { batch: createBatchApi(ctx), files: createFilesApi(ctx), config: clientInfo(resolved) }
}

/** What a client tells of `resolved`: never the API key, nor the headers. */
const clientInfo = (resolved: ResolvedConfig): ClientInfo => {
  const { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter } = resolved.retry
  return {
    baseUrl: resolved.baseUrl,
    timeoutMs: resolved.timeoutMs,
    retry: { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter },
    userAgent: resolved.userAgent,
    allowInsecureHttp: resolved.allowInsecureHttp,
    maxJsonBodyBytes: resolved.maxJsonBodyBytes,
    maxResultLineLength: resolved.maxResultLineLength,
    maxPages: resolved.maxPages,
  }
}
