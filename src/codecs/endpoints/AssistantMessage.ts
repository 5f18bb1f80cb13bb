// The message a chat or FIM completion answers with.
import * as t from 'io-ts'
import { MessageContent } from './MessageContent.js'
import { ToolCall } from './ToolCall.js'

/** An assistant message; the spec requires none of its fields. */
export const AssistantMessage = t.partial(
  {
    role: t.string,
    content: MessageContent,
    tool_calls: t.union([t.array(ToolCall), t.null]),
    prefix: t.boolean,
  },
  'AssistantMessage',
)
/** An assistant message; the spec requires none of its fields. */
export type AssistantMessage = t.TypeOf<typeof AssistantMessage>
