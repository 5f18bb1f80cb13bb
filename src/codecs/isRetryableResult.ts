// The default of runBatch$'s retryFailed: a result line that failed the way a retry can mend.
import type { BatchResult } from './BatchResult.js'
import { isFailedResult } from './isFailedResult.js'

/**
 * Whether a result line failed with a status that a later attempt may well not get: 429 (rate
 * limited) or 5xx (the model's server failed). A 4xx other than 429 is the request's own fault,
 * and a line with an `error` but no status tells nothing of the cause: neither is retryable.
 */
export const isRetryableResult = (result: BatchResult): boolean => {
  if (!isFailedResult(result)) return false
  const status = result.response?.status_code
  return status === 429 || (status !== undefined && status >= 500 && status <= 599)
}
