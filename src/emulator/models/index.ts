// The emulator's deterministic fake models: one answer per batch request line, by endpoint.
import { isRecord } from '../jsonValues.js'
import { jsonStringify } from './boundGlobals.js'
import { fakeTranscription, TRANSCRIPTION_DEFAULT_MODEL } from './audioTranscriptions.js'
import { CHAT_DEFAULT_MODEL, fakeChatCompletion } from './chatCompletion.js'
import {
  CLASSIFIER_DEFAULT_MODEL,
  fakeChatClassifications,
  fakeClassifications,
} from './classifications.js'
import { CONVERSATION_DEFAULT_MODEL, fakeConversation } from './conversations.js'
import { EMBEDDINGS_DEFAULT_MODEL, fakeEmbeddings } from './embeddings.js'
import { fakeCall, type FakeCall } from './fakeCall.js'
import { invalidRequest, type FakeContext, type FakeOutcome } from './fakeOutcome.js'
import { fakeFimCompletion, FIM_DEFAULT_MODEL } from './fimCompletion.js'
import { fakeChatModerations, fakeModerations, MODERATION_DEFAULT_MODEL } from './moderations.js'
import { fakeOcr, OCR_DEFAULT_MODEL } from './ocr.js'
import { requestFingerprint } from './requestFingerprint.js'

export type { FakeContext, FakeOutcome } from './fakeOutcome.js'

/** A fake model of one endpoint, with the model name it answers as by default. */
interface FakeModel {
  readonly defaultModel: string
  readonly respond: (body: Record<string, unknown>, call: FakeCall) => FakeOutcome
}

const FAKE_MODELS = new Map<string, FakeModel>([
  ['/v1/chat/completions', { defaultModel: CHAT_DEFAULT_MODEL, respond: fakeChatCompletion }],
  ['/v1/embeddings', { defaultModel: EMBEDDINGS_DEFAULT_MODEL, respond: fakeEmbeddings }],
  ['/v1/fim/completions', { defaultModel: FIM_DEFAULT_MODEL, respond: fakeFimCompletion }],
  ['/v1/moderations', { defaultModel: MODERATION_DEFAULT_MODEL, respond: fakeModerations }],
  [
    '/v1/chat/moderations',
    { defaultModel: MODERATION_DEFAULT_MODEL, respond: fakeChatModerations },
  ],
  ['/v1/ocr', { defaultModel: OCR_DEFAULT_MODEL, respond: fakeOcr }],
  ['/v1/classifications', { defaultModel: CLASSIFIER_DEFAULT_MODEL, respond: fakeClassifications }],
  [
    '/v1/chat/classifications',
    { defaultModel: CLASSIFIER_DEFAULT_MODEL, respond: fakeChatClassifications },
  ],
  ['/v1/conversations', { defaultModel: CONVERSATION_DEFAULT_MODEL, respond: fakeConversation }],
  [
    '/v1/audio/transcriptions',
    { defaultModel: TRANSCRIPTION_DEFAULT_MODEL, respond: fakeTranscription },
  ],
])

/** The ten endpoints a batch job can target (WIRE.md), in the order the docs list them. */
export const KNOWN_ENDPOINTS: readonly string[] = Object.freeze([...FAKE_MODELS.keys()])

/**
 * Answers one request line of a batch job as a fake model of `endpoint` would.
 *
 * Deterministic: the same endpoint, body and model give the same body, except the time fields
 * taken from `ctx.nowSeconds` (`created`, and `created_at`/`completed_at` of conversation entries).
 * The body's `model` wins over the job's (`ctx.model`), which wins over the endpoint's default.
 * An unknown endpoint gives 404; a body that is not an object, 400; a body that breaks the
 * endpoint's request schema, 422 with a one-sentence message.
 */
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
  const model = body.model ?? ctx.model ?? fakeModel.defaultModel
  const call = fakeCall(model, ctx.nowSeconds, requestFingerprint(endpoint, model, body))
  return fakeModel.respond(body, call)
}
