// createClient: validates the config once and binds every resource to it.
import { createBatchApi, type BatchApi } from './batch/index.js'
import { resolveConfig, type ClientConfig, type ResolvedRetryOptions } from './config.js'
import type { HttpContext } from './http/HttpContext.js'

/** What a client tells about its config: everything but the API key. */
export interface ClientInfo {
  /** The base URL requests go to. */
  readonly baseUrl: string
  /** The time limit of one JSON request attempt, in milliseconds. */
  readonly timeoutMs: number
  /** The retry timing. */
  readonly retry: Omit<ResolvedRetryOptions, 'random'>
  /** The `User-Agent` header sent. */
  readonly userAgent: string
  /** Whether plain `http:` to a non-loopback host is allowed. */
  readonly allowInsecureHttp: boolean
}

/** A Mistral Batch client. Every operation returns a cold Observable: nothing is sent before subscribe. */
export interface MistralBatchClient {
  /** Batch job operations. */
  readonly batch: BatchApi
  /** The config in use, without the API key. */
  readonly config: ClientInfo
}

/**
 * Creates a client. Throws `InvalidRequestError` at once for an invalid config: no API key (and
 * no `MISTRAL_API_KEY`), a malformed base URL, or plain `http:` to a non-loopback host.
 */
export const createClient = (config: ClientConfig = {}): MistralBatchClient => {
  const resolved = resolveConfig(config)
  const ctx: HttpContext = { config: resolved }
  const { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter } = resolved.retry
  return {
    batch: createBatchApi(ctx),
    config: {
      baseUrl: resolved.baseUrl,
      timeoutMs: resolved.timeoutMs,
      retry: { maxRetries, initialDelayMs, maxDelayMs, maxRetryAfterMs, jitter },
      userAgent: resolved.userAgent,
      allowInsecureHttp: resolved.allowInsecureHttp,
    },
  }
}
