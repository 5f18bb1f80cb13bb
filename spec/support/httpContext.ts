// A client context for HTTP tests: a fake key, the test server's URL, tiny retry delays.
import { resolveConfig, type ClientConfig } from '../../src/config.js'
import { httpContext, type HttpContext } from '../../src/http/HttpContext.js'

/** The API key of every HTTP test; no error may ever show it. */
export const TEST_API_KEY = 'sk-test-0123456789abcdefSECRET'

/** A context against `baseUrl` whose retries wait a few milliseconds at most. */
export const testContext = (baseUrl: string, overrides: ClientConfig = {}): HttpContext =>
  httpContext(
    resolveConfig({
      apiKey: TEST_API_KEY,
      baseUrl,
      timeoutMs: 5_000,
      ...overrides,
      retry: {
        maxRetries: 3,
        initialDelayMs: 1,
        maxDelayMs: 5,
        maxRetryAfterMs: 20,
        jitter: 'none',
        ...overrides.retry,
      },
    }),
  )

/**
 * Resolves with `promise`, or rejects after `ms` so a hanging test fails fast and says why (`what`
 * may be a function, to report the state at the deadline).
 */
export const within = <T>(
  promise: Promise<T>,
  ms: number,
  what: string | (() => string),
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const waitedFor = typeof what === 'string' ? what : what()
      reject(new Error(`timed out after ${ms} ms waiting for ${waitedFor}`))
    }, ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
