// The chat messages and content chunks of request bodies (chat completions, chat moderations and
// classifications), as the spec's ContentChunk and its four message schemas define them.
import * as t from 'io-ts'
import { ToolCall } from '../endpoints/chat.js'
import { anyOf, fields, integer, oneOf, orNull, taggedUnion } from './requestCombinators.js'

/** A text chunk: `{ type: 'text', text }`. */
export const TextChunk = t.type({ type: t.literal('text'), text: t.string }, 'TextChunk')
export type TextChunk = t.TypeOf<typeof TextChunk>

/** An image's URL (or base64 data URL) and the `detail` to read it at. */
const ImageURL = fields(
  { url: t.string },
  { detail: orNull(oneOf(['low', 'auto', 'high'])) },
  'ImageURL',
)

/** An image chunk: `{ type: 'image_url', image_url }`, the URL as a string or an `ImageURL`. */
export const ImageURLChunk = t.type(
  { type: t.literal('image_url'), image_url: anyOf([ImageURL, t.string]) },
  'ImageURLChunk',
)
export type ImageURLChunk = t.TypeOf<typeof ImageURLChunk>

/** A document chunk: `{ type: 'document_url', document_url }`, and its `document_name`. */
export const DocumentURLChunk = fields(
  { type: t.literal('document_url'), document_url: t.string },
  { document_name: orNull(t.string) },
  'DocumentURLChunk',
)
export type DocumentURLChunk = t.TypeOf<typeof DocumentURLChunk>

/** A chunk citing references: `{ type: 'reference', reference_ids }` (integers or strings). */
export const ReferenceChunk = t.type(
  { type: t.literal('reference'), reference_ids: t.array(anyOf([integer, t.string])) },
  'ReferenceChunk',
)
export type ReferenceChunk = t.TypeOf<typeof ReferenceChunk>

/** An uploaded file: `{ type: 'file', file_id }`. */
export const FileChunk = t.type({ type: t.literal('file'), file_id: t.string }, 'FileChunk')
export type FileChunk = t.TypeOf<typeof FileChunk>

/** A chunk citing a tool's source: `tool` and `title`, with its URL when known. */
export const ToolReferenceChunk = fields(
  { tool: t.string, title: t.string },
  {
    type: t.literal('tool_reference'),
    url: orNull(t.string),
    favicon: orNull(t.string),
    description: orNull(t.string),
  },
  'ToolReferenceChunk',
)

// The parts of a thought: each has a default `type`, so one without is read as any of them.
const THINKING_PARTS = {
  text: fields({ text: t.string }, { type: t.literal('text') }),
  tool_reference: ToolReferenceChunk,
  reference: fields(
    { reference_ids: t.array(anyOf([integer, t.string])) },
    { type: t.literal('reference') },
  ),
}

/** A thought of a reasoning model: `{ type: 'thinking', thinking: [...] }`. */
export const ThinkChunk = fields(
  {
    type: t.literal('thinking'),
    thinking: t.array(
      taggedUnion(
        'ThinkingPart',
        'type',
        THINKING_PARTS,
        anyOf([THINKING_PARTS.text, THINKING_PARTS.tool_reference, THINKING_PARTS.reference]),
      ),
    ),
  },
  { signature: orNull(t.string), closed: t.boolean },
  'ThinkChunk',
)
export type ThinkChunk = t.TypeOf<typeof ThinkChunk>

/** Audio: `{ type: 'input_audio', input_audio }`, its data or URL as a string. */
export const AudioChunk = t.type(
  { type: t.literal('input_audio'), input_audio: t.string },
  'AudioChunk',
)
export type AudioChunk = t.TypeOf<typeof AudioChunk>

/** A content chunk, told by its `type`: text, image_url, document_url, reference, file, thinking, input_audio. */
export const ContentChunk = taggedUnion('ContentChunk', 'type', {
  text: TextChunk,
  image_url: ImageURLChunk,
  document_url: DocumentURLChunk,
  reference: ReferenceChunk,
  file: FileChunk,
  thinking: ThinkChunk,
  input_audio: AudioChunk,
})
export type ContentChunk = t.TypeOf<typeof ContentChunk>

/** Message content: a string, null, or content chunks. */
const ChunkedContent = anyOf(
  [t.string, t.null, t.array(ContentChunk)],
  'MessageContent (string | null | ContentChunk[])',
)

/** A system message: `content` (a string, or text and thinking chunks). */
export const SystemMessage = t.type(
  {
    role: t.literal('system'),
    content: anyOf(
      [
        t.string,
        t.array(
          taggedUnion('SystemContentChunk', 'type', { text: TextChunk, thinking: ThinkChunk }),
        ),
      ],
      'SystemMessageContent (string | chunks)',
    ),
  },
  'SystemMessage',
)
export type SystemMessage = t.TypeOf<typeof SystemMessage>

/** A user message: `content` (a string, null, or content chunks). */
export const UserMessage = t.type(
  { role: t.literal('user'), content: ChunkedContent },
  'UserMessage',
)
export type UserMessage = t.TypeOf<typeof UserMessage>

/**
 * The spec's `AssistantMessage` as a request sends it (an earlier answer, or a `prefix` the model
 * must start from); `AssistantMessage` is the lenient codec of the responses' messages.
 */
export const AssistantRequestMessage = fields(
  { role: t.literal('assistant') },
  {
    content: ChunkedContent,
    tool_calls: orNull(t.array(ToolCall)),
    prefix: t.boolean,
  },
  'AssistantMessage',
)
export type AssistantRequestMessage = t.TypeOf<typeof AssistantRequestMessage>

/** A tool's answer: `content`, and the `tool_call_id` and `name` of the call it answers. */
export const ToolMessage = fields(
  { role: t.literal('tool'), content: ChunkedContent },
  { tool_call_id: orNull(t.string), name: orNull(t.string) },
  'ToolMessage',
)
export type ToolMessage = t.TypeOf<typeof ToolMessage>

/** A message of a request, told by its `role`: system, user, assistant or tool. */
export const ChatRequestMessage = taggedUnion('ChatRequestMessage', 'role', {
  system: SystemMessage,
  user: UserMessage,
  assistant: AssistantRequestMessage,
  tool: ToolMessage,
})
export type ChatRequestMessage = t.TypeOf<typeof ChatRequestMessage>

/** The messages of a chat: a list of `ChatRequestMessage`. */
export const ChatRequestMessages = t.array(ChatRequestMessage, 'Array<ChatRequestMessage>')
