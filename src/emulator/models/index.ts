// The emulator's deterministic fake models: one answer per batch request line, by endpoint.
import { isRecord } from '../jsonValues.js'
import { fakeTranscription } from './audioTranscriptions.js'
import { jsonStringify } from './boundGlobals.js'
import { fakeChatCompletion } from './chatCompletion.js'
import { fakeChatClassifications, fakeClassifications } from './classifications.js'
import { fakeConversation } from './conversations.js'
import { fakeEmbeddings } from './embeddings.js'
import { fakeCall, type FakeCall } from './fakeCall.js'
import { invalidRequest, type FakeContext, type FakeOutcome } from './fakeOutcome.js'
import { fakeFimCompletion } from './fimCompletion.js'
import { fakeChatModerations, fakeModerations } from './moderations.js'
import { fakeOcr } from './ocr.js'
import { requestFingerprint } from './requestFingerprint.js'

type Respond = (body: Record<string, unknown>, call: FakeCall) => FakeOutcome

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
  const [defaultModel, respond] = fakeModel
  const model = body.model ?? ctx.model ?? defaultModel
  return respond(body, fakeCall(model, ctx.nowSeconds, requestFingerprint(endpoint, model, body)))
}
