// The emulator's deterministic fake models, by endpoint: one answer per batch request line, in
// the documented result envelope.
import { randomUUID } from 'node:crypto'
import { isRecord } from '../jsonValues.js'
import { fakeTranscription } from './audioTranscriptions.js'
import { fakeChatCompletion, fakeFimCompletion } from './completions.js'
import { fakeConversation } from './conversations.js'
import { fakeEmbeddings } from './embeddings.js'
import {
  fakeCall,
  jsonStringify,
  requestFingerprint,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'
import {
  fakeChatClassifications,
  fakeChatModerations,
  fakeClassifications,
  fakeModerations,
} from './moderations.js'
import { fakeOcr } from './ocr.js'

type Respond = (body: Record<string, unknown>, call: FakeCall) => FakeAnswer

/** The outcome of one request line: a response body, or an error in Mistral's terms. */
export type FakeOutcome =
  | { ok: true; statusCode: 200; body: Record<string, unknown> }
  | { ok: false; statusCode: number; message: string; type: string }

/** A request error: 422 for a body that breaks the endpoint's schema, 400 or 404 where given. */
const invalidRequest = (message: string, statusCode = 422): FakeOutcome => {
  return { ok: false, statusCode, message, type: 'invalid_request_error' }
}

/** Each endpoint's fake model, with the model it answers as when neither body nor job names one. */
const FAKE_MODELS = new Map<string, [defaultModel: string, respond: Respond]>([
  ['/v1/chat/completions', ['mistral-small-latest', fakeChatCompletion]],
  ['/v1/embeddings', ['mistral-embed', fakeEmbeddings]],
  ['/v1/fim/completions', ['codestral-latest', fakeFimCompletion]],
  ['/v1/moderations', ['mistral-moderation-latest', fakeModerations]],
  ['/v1/chat/moderations', ['mistral-moderation-latest', fakeChatModerations]],
  ['/v1/ocr', ['mistral-ocr-latest', fakeOcr]],
  ['/v1/classifications', ['ft:classifier:ministral-3b-latest:emulator', fakeClassifications]],
  [
    '/v1/chat/classifications',
    ['ft:classifier:ministral-3b-latest:emulator', fakeChatClassifications],
  ],
  ['/v1/conversations', ['mistral-medium-latest', fakeConversation]],
  ['/v1/audio/transcriptions', ['voxtral-mini-latest', fakeTranscription]],
])

/** The ten endpoints a batch job can target (WIRE.md), in the order the docs list them. */
export const KNOWN_ENDPOINTS: readonly string[] = Object.freeze([...FAKE_MODELS.keys()])

/** What a fake model reads besides the body: the job's `model` and the clock. */
type FakeContext = { model: string | null; nowSeconds: number }

/** Answers one request line as a fake model of `endpoint`: the same input, the same body but for
 * the time fields from `ctx.nowSeconds`. The body's `model` beats the job's, then the default.
 * Unknown endpoint 404, non-object body 400, a body off the schema 422 with one sentence. */
export function fakeResponse(endpoint: string, body: unknown, ctx: FakeContext): FakeOutcome {
  const fakeModel = FAKE_MODELS.get(endpoint)
  if (fakeModel === undefined) {
    return invalidRequest(`Unknown endpoint ${jsonStringify(endpoint)}.`, 404)
  }
  if (!isRecord(body)) {
    return invalidRequest(`The request body for ${endpoint} must be a JSON object.`, 400)
  }
  if (body.model !== undefined && body.model !== null && typeof body.model !== 'string') {
    return invalidRequest('`model` must be a string.')
  }
  const [defaultModel, respond] = fakeModel
  const model = body.model ?? ctx.model ?? defaultModel
  const answer = respond(
    body,
    fakeCall(model, ctx.nowSeconds, requestFingerprint(endpoint, model, body)),
  )
  return typeof answer === 'string'
    ? invalidRequest(answer)
    : { ok: true, statusCode: 200, body: answer }
}

/** What a job passes for each line; `index` is the 0-based index of the request in the job. */
type LineContext = FakeContext & { jobId: string; endpoint: string; index: number }

/** The envelope of a result line; its id is shaped like Mistral's: `batch-<8 hex of the job>-<n>-<uuid>`. */
const envelope = (context: LineContext, customId: string | null, rest: object): string =>
  JSON.stringify({
    id: `batch-${context.jobId.replace(/-/g, '').slice(0, 8)}-${context.index + 1}-${randomUUID()}`,
    custom_id: customId,
    ...rest,
  })

/**
 * A fraction in [0, 1) from `text`, the same for the same text: FNV-1a over its characters, then
 * murmur3's finalizer, so texts that differ only at the end (a line's index) spread evenly.
 */
const fractionOf = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b) >>> 0
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0
  hash ^= hash >>> 16
  return (hash >>> 0) / 2 ** 32
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Rate limit exceeded',
  500: 'Internal server error',
  503: 'Service unavailable',
}

/** Whether the line is left out on purpose (`missingLines`), decided by the job and the line. */
export const isMissingLine = (context: LineContext, rate: number): boolean =>
  rate > 0 && fractionOf(`missing:${context.jobId}:${context.index}`) < rate

/** The line failed on purpose (`failedLines`), decided by the job and the line; else undefined. */
export const failedLine = (
  text: string,
  context: LineContext,
  failed: { rate: number; status: number },
): { ok: false; json: string } | undefined => {
  if (failed.rate === 0 || fractionOf(`${context.jobId}:${context.index}`) >= failed.rate) return
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return
  }
  const id = isRecord(parsed) ? parsed.custom_id : undefined
  const customId = typeof id === 'string' ? id : null
  const message = STATUS_TEXT[failed.status] ?? 'Error'
  const body = {
    object: 'error',
    message,
    type: 'api_error',
    param: null,
    code: String(failed.status),
  }
  const rest = {
    response: { status_code: failed.status, body },
    error: { message, code: body.code },
  }
  return { ok: false, json: envelope(context, customId, rest) }
}

/** Answers one JSONL request line: its result line's JSON text (no newline), and whether it goes to
 * the output file (`ok`) or the error file. */
export const processLine = (text: string, context: LineContext): { ok: boolean; json: string } => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  const id = isRecord(parsed) ? parsed.custom_id : undefined
  const customId = typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null
  const outcome: FakeOutcome =
    parsed === undefined
      ? invalidRequest('Invalid JSON in request line', 400)
      : !isRecord(parsed)
        ? invalidRequest('A request line must be a JSON object', 400)
        : !isRecord(parsed.body)
          ? invalidRequest('A request line must have a "body" object', 400)
          : fakeResponse(context.endpoint, parsed.body, context)
  if (outcome.ok) {
    const rest = { response: { status_code: 200, body: outcome.body }, error: null }
    return { ok: true, json: envelope(context, customId, rest) }
  }
  const { statusCode, message, type } = outcome
  const body = { object: 'error', message, type, param: null, code: String(statusCode) }
  const rest = { response: { status_code: statusCode, body }, error: { message, code: body.code } }
  return { ok: false, json: envelope(context, customId, rest) }
}
