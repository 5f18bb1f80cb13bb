// The response bodies of the chat and FIM completion endpoints, as the batch results carry them.
import * as t from 'io-ts'
import { nullable, openEnum } from '../combinators.js'

/**
 * Message content: a string, null, or chunks (text, image_url, thinking, ...). Chunks stay plain
 * objects with a `type` key: their seven shapes change often and callers switch on `type`.
 */
export const MessageContent = t.union(
  [t.string, t.null, t.array(t.UnknownRecord)],
  'MessageContent',
)
export type MessageContent = t.TypeOf<typeof MessageContent>

/** The function the model calls; `arguments` is a JSON object or its text. */
export const FunctionCall = t.type(
  { name: t.string, arguments: t.union([t.UnknownRecord, t.string]) },
  'FunctionCall',
)
export type FunctionCall = t.TypeOf<typeof FunctionCall>

/** A tool call: its `function` (required), and `id`, `type` (`function`) and `index` when sent. */
export const ToolCall = t.intersection(
  [
    t.type({ function: FunctionCall }),
    t.partial({ id: t.string, type: t.string, index: t.number }),
  ],
  'ToolCall',
)
export type ToolCall = t.TypeOf<typeof ToolCall>

/** An assistant message; the spec requires none of its fields. */
export const AssistantMessage = t.partial(
  {
    role: t.string,
    content: MessageContent,
    tool_calls: nullable(t.array(ToolCall)),
    prefix: t.boolean,
  },
  'AssistantMessage',
)
export type AssistantMessage = t.TypeOf<typeof AssistantMessage>

/** A message of a multi-message choice; every field optional, as in the spec. */
export const DeltaMessage = t.partial(
  {
    role: nullable(t.string),
    content: MessageContent,
    tool_calls: nullable(t.array(ToolCall)),
    tool_call_id: nullable(t.string),
    index: nullable(t.number),
    metadata: nullable(t.UnknownRecord),
  },
  'DeltaMessage',
)
export type DeltaMessage = t.TypeOf<typeof DeltaMessage>

/** Every finish reason the spec lists. */
export const FINISH_REASONS = ['stop', 'length', 'model_length', 'error', 'tool_calls'] as const

/** A finish reason: one of `FINISH_REASONS` or any other string. */
export const FinishReason = openEnum('FinishReason', FINISH_REASONS)
export type FinishReason = t.TypeOf<typeof FinishReason>

/** A choice: `index` and `finish_reason` (required), and its `message` (or `messages`). */
export const ChatCompletionChoice = t.intersection(
  [
    t.type({ index: t.number, finish_reason: FinishReason }),
    t.partial({ message: AssistantMessage, messages: t.array(DeltaMessage) }),
  ],
  'ChatCompletionChoice',
)
export type ChatCompletionChoice = t.TypeOf<typeof ChatCompletionChoice>

/** Tokens used: prompt, completion and total (required); audio seconds and service tier when sent. */
export const UsageInfo = t.intersection(
  [
    t.type({ prompt_tokens: t.number, completion_tokens: t.number, total_tokens: t.number }),
    t.partial({
      prompt_audio_seconds: nullable(t.number),
      service_tier: nullable(t.string),
    }),
  ],
  'UsageInfo',
)
export type UsageInfo = t.TypeOf<typeof UsageInfo>

/** The fields every completion and embeddings response starts with. */
export const RESPONSE_HEAD = { id: t.string, object: t.string, model: t.string, usage: UsageInfo }

// The spec's required list also names `data`, copied from the embeddings schema by mistake: no
// chat completion carries it (see examples/chat-output.jsonl), so it is not required here.
/** A chat completion: `id`, `object`, `model`, `usage`, `created` (unix seconds) and `choices`. */
export const ChatCompletionResponse = t.type(
  {
    ...RESPONSE_HEAD,
    created: t.number,
    choices: t.array(ChatCompletionChoice),
  },
  'ChatCompletionResponse',
)
export type ChatCompletionResponse = t.TypeOf<typeof ChatCompletionResponse>

/** A fill-in-the-middle completion: the same fields as `ChatCompletionResponse`. */
export const FIMCompletionResponse = t.type(ChatCompletionResponse.props, 'FIMCompletionResponse')
export type FIMCompletionResponse = t.TypeOf<typeof FIMCompletionResponse>
