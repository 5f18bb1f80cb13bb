// Turns one input line into one output or error line, in the documented result envelope.
import { randomUUID } from 'node:crypto'
import { fakeResponse } from '../models/index.js'

/** What a job passes for each line. */
export interface LineContext {
  jobId: string
  endpoint: string
  /** The job's model (a line's own `body.model` wins over it). */
  model: string | null
  /** 0-based index of the request among the job's requests. */
  index: number
  nowSeconds: number
}

/** A processed line: which file it goes to, and its JSON text (without newline). */
export interface LineResult {
  ok: boolean
  json: string
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** A result id shaped like Mistral's: `batch-<8 hex of the job>-<n>-<uuid>`. */
export const resultId = (jobId: string, index: number): string =>
  `batch-${jobId.replace(/-/g, '').slice(0, 8)}-${index + 1}-${randomUUID()}`

const errorLine = (
  context: LineContext,
  customId: string | null,
  statusCode: number,
  message: string,
  type: string,
): LineResult => ({
  ok: false,
  json: JSON.stringify({
    id: resultId(context.jobId, context.index),
    custom_id: customId,
    response: {
      status_code: statusCode,
      body: { object: 'error', message, type, param: null, code: String(statusCode) },
    },
    error: { message, code: String(statusCode) },
  }),
})

const customIdOf = (line: Record<string, unknown>): string | null => {
  const value = line.custom_id
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : null
}

/** Answers one JSONL request line with the fake model of the job's endpoint. */
export const processLine = (text: string, context: LineContext): LineResult => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return errorLine(context, null, 400, 'Invalid JSON in request line', 'invalid_request_error')
  }
  if (!isRecord(parsed)) {
    return errorLine(
      context,
      null,
      400,
      'A request line must be a JSON object',
      'invalid_request_error',
    )
  }
  const customId = customIdOf(parsed)
  const body = parsed.body
  if (!isRecord(body)) {
    return errorLine(
      context,
      customId,
      400,
      'A request line must have a "body" object',
      'invalid_request_error',
    )
  }
  const outcome = fakeResponse(context.endpoint, body, {
    customId,
    index: context.index,
    model: context.model,
    nowSeconds: context.nowSeconds,
  })
  if (!outcome.ok)
    return errorLine(context, customId, outcome.statusCode, outcome.message, outcome.type)
  return {
    ok: true,
    json: JSON.stringify({
      id: resultId(context.jobId, context.index),
      custom_id: customId,
      response: { status_code: outcome.statusCode, body: outcome.body },
      error: null,
    }),
  }
}
