// What a fake model answers: a 200 body for the output file, or a request error for the error file.

/** The outcome of one request line: a response body, or an error in Mistral's terms. */
export type FakeOutcome =
  | { ok: true; statusCode: 200; body: Record<string, unknown> }
  | { ok: false; statusCode: number; message: string; type: string }

/** What a fake model reads besides the body: the job's `model` (when the body names none) and the clock. */
export interface FakeContext {
  model: string | null
  nowSeconds: number
}

/** A successful outcome around a response body. */
export function succeed(body: Record<string, unknown>): FakeOutcome {
  return { ok: true, statusCode: 200, body }
}

/** A request error: 422 for a body that breaks the endpoint's schema, 400 or 404 where given. */
export function invalidRequest(message: string, statusCode = 422): FakeOutcome {
  return { ok: false, statusCode, message, type: 'invalid_request_error' }
}
