import type { BatchResult } from './BatchResult.js'

/** Whether a result line failed: its `error` is set, or its `response.status_code` is not 2xx. */
export const isFailedResult = (result: BatchResult): boolean =>
  (result.error !== undefined && result.error !== null) ||
  result.response == null ||
  result.response.status_code < 200 ||
  result.response.status_code >= 300
