// Typed builders of batch requests: sugar that types a body as its endpoint's request, so an editor
// completes its fields and flags a misspelt one. They check nothing at run time: the run, the
// create or the upload checks every body, built this way or not.
import type { AudioTranscriptionRequest } from '../codecs/requests/audio.js'
import type { ChatCompletionRequest, FIMCompletionRequest } from '../codecs/requests/chat.js'
import type {
  ChatClassificationRequest,
  ChatModerationRequest,
  ClassificationRequest,
} from '../codecs/requests/classifications.js'
import type { ConversationRequest } from '../codecs/requests/conversations.js'
import type { EmbeddingRequest } from '../codecs/requests/embeddings.js'
import type { OCRRequest } from '../codecs/requests/ocr.js'

/** A batch request whose body has the type `B`: a `BatchRequestInput` typed for one endpoint. */
export type TypedBatchRequest<B> = { readonly custom_id: string; readonly body: B }

const typed =
  <B>() =>
  (custom_id: string, body: B): TypedBatchRequest<B> => ({ custom_id, body })

/** A request to `/v1/chat/completions`: `chatRequest('q1', { messages: [{ role: 'user', content: 'Hi' }] })`. */
export const chatRequest = typed<ChatCompletionRequest>()

/** A request to `/v1/fim/completions`: `fimRequest('f1', { prompt: 'def add(a, b):', suffix: 'return c' })`. */
export const fimRequest = typed<FIMCompletionRequest>()

/** A request to `/v1/embeddings`: `embeddingRequest('e1', { input: ['a text', 'another'] })`. */
export const embeddingRequest = typed<EmbeddingRequest>()

/** A request to `/v1/moderations`: `moderationRequest('m1', { input: 'a text' })`. */
export const moderationRequest = typed<ClassificationRequest>()

/** A request to `/v1/chat/moderations`: its `input` is the messages of a chat (or several chats). */
export const chatModerationRequest = typed<ChatModerationRequest>()

/** A request to `/v1/classifications`: `classificationRequest('c1', { input: 'a text' })`. */
export const classificationRequest = typed<ClassificationRequest>()

/** A request to `/v1/chat/classifications`: its `input` is `{ messages }` (or a list of them). */
export const chatClassificationRequest = typed<ChatClassificationRequest>()

/** A request to `/v1/ocr`: `ocrRequest('o1', { document: { type: 'document_url', document_url } })`. */
export const ocrRequest = typed<OCRRequest>()

/** A request to `/v1/conversations`: `conversationRequest('t1', { inputs: 'Hello' })`. */
export const conversationRequest = typed<ConversationRequest>()

/** A request to `/v1/audio/transcriptions`: `transcriptionRequest('a1', { file_url })`. */
export const transcriptionRequest = typed<AudioTranscriptionRequest>()
