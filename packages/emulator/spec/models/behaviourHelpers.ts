// Test helper: calls a fake model and returns its 200 body, typed loosely for assertions.
import { fakeResponse } from '../../src/models/index.js'

/** A response body read with optional chaining in assertions. */
export type LooseBody = Record<string, unknown> & {
  [key: string]: unknown
}

/** The clock every behaviour spec uses. */
export const NOW_SECONDS = 1761577934

/** The 200 body of a fake answer; throws with the message when the request was rejected. */
export function answer(endpoint: string, body: unknown, model: string | null = null): LooseBody {
  const outcome = fakeResponse(endpoint, body, { model, nowSeconds: NOW_SECONDS })
  if (!outcome.ok) throw new Error(`${outcome.statusCode}: ${outcome.message}`)
  return outcome.body
}
