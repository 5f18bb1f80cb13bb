// Which codec checks the request bodies of each batch endpoint.
import type * as t from 'io-ts'
import type { API_ENDPOINTS } from '../ApiEndpoint.js'
import { AudioTranscriptionRequest } from './audio.js'
import { ChatCompletionRequest, FIMCompletionRequest } from './chat.js'
import {
  ChatClassificationRequest,
  ChatModerationRequest,
  ClassificationRequest,
} from './classifications.js'
import { ConversationRequest } from './conversations.js'
import { EmbeddingRequest } from './embeddings.js'
import { OCRRequest } from './ocr.js'

/** A batch endpoint this client knows. */
export type KnownEndpoint = (typeof API_ENDPOINTS)[number]

/**
 * The request body codec of every known batch endpoint (`/v1/moderations` and
 * `/v1/classifications` both take a `ClassificationRequest`, as in the spec).
 */
export const REQUEST_BODY_CODECS = {
  '/v1/chat/completions': ChatCompletionRequest,
  '/v1/embeddings': EmbeddingRequest,
  '/v1/fim/completions': FIMCompletionRequest,
  '/v1/moderations': ClassificationRequest,
  '/v1/chat/moderations': ChatModerationRequest,
  '/v1/ocr': OCRRequest,
  '/v1/classifications': ClassificationRequest,
  '/v1/chat/classifications': ChatClassificationRequest,
  '/v1/conversations': ConversationRequest,
  '/v1/audio/transcriptions': AudioTranscriptionRequest,
} as const satisfies { readonly [E in KnownEndpoint]: t.Mixed }

/** The request body type of endpoint `E`, e.g. `RequestBodyOf<'/v1/embeddings'>`. */
export type RequestBodyOf<E extends KnownEndpoint> = t.TypeOf<(typeof REQUEST_BODY_CODECS)[E]>

/** The body codec of `endpoint`, or undefined for an endpoint this client does not know. */
export const requestBodyCodec = (endpoint: unknown): t.Mixed | undefined =>
  typeof endpoint === 'string' &&
  Object.prototype.hasOwnProperty.call(REQUEST_BODY_CODECS, endpoint)
    ? REQUEST_BODY_CODECS[endpoint as KnownEndpoint]
    : undefined
