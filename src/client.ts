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
import type { ResultLine } from './batch/resultLine.js'
import type { BatchEvent } from './run/BatchEvent.js'
import type { Batcher } from './run/batcherTypes.js'
import { createClientBatcher, type ClientBatcherOptions } from './run/clientBatcher.js'
import { resumeBatch$ } from './run/resumeBatch.js'
import type { RunRequests } from './requests/requestCursor.js'
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
   * An Observable that, when subscribed, runs `requests` as batch jobs (uploaded or inline,
   * sharded when big) and emits the whole run as events, down to each result (see `runBatch$`).
   */
  readonly runBatch$: (requests: RunRequests, options: RunBatchOptions) => Observable<BatchEvent>
  /**
   * An Observable that, when subscribed, re-attaches to the jobs of an earlier run and emits
   * the same events as `runBatch$` from there on (see `resumeBatch$`).
   */
  readonly resumeBatch$: (
    jobIds: ReadonlyArray<string>,
    options?: ResumeBatchOptions,
  ) => Observable<BatchEvent>
  /**
   * A micro-batcher: `submit$(body)` sends one request, gathered with others into inline batch
   * jobs by size and time, and emits its result (see `createClientBatcher`).
   */
  readonly batcher: (options: ClientBatcherOptions) => Batcher<ResultLine>
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
  const { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter } = resolved.retry
  const batch = createBatchApi(ctx)
  const runDeps = runDepsFor(ctx, batch.watchJob$)
  return {
    batch,
    files: createFilesApi(ctx),
    runBatch$: (requests, options) => runBatch$(runDeps, requests, options),
    resumeBatch$: (jobIds, options) => resumeBatch$(runDeps, jobIds, options),
    batcher: (options) => createClientBatcher(runDeps, options, resolved.scheduler),
    config: {
      baseUrl: resolved.baseUrl,
      timeoutMs: resolved.timeoutMs,
      retry: { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter },
      userAgent: resolved.userAgent,
      allowInsecureHttp: resolved.allowInsecureHttp,
      maxJsonBodyBytes: resolved.maxJsonBodyBytes,
      maxResultLineLength: resolved.maxResultLineLength,
      maxPages: resolved.maxPages,
    },
  }
}
