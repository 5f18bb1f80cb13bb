// Mistral's error bodies, as WIRE.md documents them, built in one place.

/** The documented Mistral error body. */
export interface MistralErrorBody {
  object: 'error'
  message: string
  type: string
  param: string | null
  code: string | null
}

/** One entry of a 422 `detail[]` (FastAPI's validation error). */
export interface ValidationIssue {
  type: string
  loc: Array<string | number>
  msg: string
  input: unknown
}

/** A 422 body: `{ detail: [...] }`. */
export interface ValidationErrorBody {
  detail: ValidationIssue[]
}

/** The error body Mistral returns for a status, in its documented shape. */
export const errorBody = (
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): MistralErrorBody => ({ object: 'error', message, type, param, code })

/** 404 for an id that does not exist. */
export const notFoundBody = (what: string, id: string): MistralErrorBody =>
  errorBody(`${what} ${id} not found`, 'invalid_request_error', 'not_found')

/** 429 as Mistral sends it. */
export const rateLimitedBody = (): MistralErrorBody =>
  errorBody('Rate limit exceeded', 'rate_limited', '1300')

/** 5xx bodies, by status. */
export const serverErrorBody = (status: number): MistralErrorBody => {
  const messages: Record<number, string> = {
    500: 'Internal server error',
    502: 'Bad gateway',
    503: 'Service unavailable',
  }
  return errorBody(messages[status] ?? 'Server error', 'internal_server_error', String(status))
}

/** 401 as Mistral's gateway sends it. */
export const unauthorizedBody = (requestId: string): { message: string; request_id: string } => ({
  message: 'Unauthorized',
  request_id: requestId,
})

/** A 422 body from one or more issues. */
export const validationBody = (...detail: ValidationIssue[]): ValidationErrorBody => ({ detail })

/** One 422 issue. */
export const issue = (
  loc: Array<string | number>,
  msg: string,
  input: unknown,
  type = 'value_error',
): ValidationIssue => ({ type, loc, msg, input })
