// Turns one input line into one output or error line, in the documented result envelope.
import { randomUUID } from 'node:crypto'
import { isRecord } from '../jsonValues.js'
import { fakeResponse } from '../models/index.js'

/** What a job passes for each line. */
interface LineContext {
  jobId: string
  endpoint: string
  /** The job's model (a line's own `body.model` wins over it). */
  model: string | null
  /** 0-based index of the request among the job's requests. */
  index: number
  nowSeconds: number
}

/** A processed line: which file it goes to, and its JSON text (without newline). */
interface LineResult {
  ok: boolean
  json: string
}

/** The envelope of a result line; its id is shaped like Mistral's: `batch-<8 hex of the job>-<n>-<uuid>`. */
const envelope = (context: LineContext, customId: string | null, rest: object): string =>
  JSON.stringify({
    id: `batch-${context.jobId.replace(/-/g, '').slice(0, 8)}-${context.index + 1}-${randomUUID()}`,
    custom_id: customId,
    ...rest,
  })

const errorLine = (
  context: LineContext,
  customId: string | null,
  message: string,
  statusCode = 400,
  type = 'invalid_request_error',
): LineResult => {
  const code = String(statusCode)
  const body = { object: 'error', message, type, param: null, code }
  const rest = { response: { status_code: statusCode, body }, error: { message, code } }
  return { ok: false, json: envelope(context, customId, rest) }
}

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
    return errorLine(context, null, 'Invalid JSON in request line')
  }
  if (!isRecord(parsed)) return errorLine(context, null, 'A request line must be a JSON object')
  const customId = customIdOf(parsed)
  const { body } = parsed
  if (!isRecord(body))
    return errorLine(context, customId, 'A request line must have a "body" object')
  const outcome = fakeResponse(context.endpoint, body, context)
  if (!outcome.ok) {
    return errorLine(context, customId, outcome.message, outcome.statusCode, outcome.type)
  }
  const rest = { response: { status_code: outcome.statusCode, body: outcome.body }, error: null }
  return { ok: true, json: envelope(context, customId, rest) }
}
