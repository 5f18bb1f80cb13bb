// One of several messages in a completion choice (the spec's `messages` alternative to `message`).
import * as t from 'io-ts'
import { MessageContent } from './MessageContent.js'
import { ToolCall } from './ToolCall.js'

const nullableString = t.union([t.string, t.null])

/** A message of a multi-message choice; every field optional, as in the spec. */
export const DeltaMessage = t.partial(
  {
    role: nullableString,
    content: MessageContent,
    tool_calls: t.union([t.array(ToolCall), t.null]),
    tool_call_id: nullableString,
    index: t.union([t.number, t.null]),
    metadata: t.union([t.UnknownRecord, t.null]),
  },
  'DeltaMessage',
)
/** A message of a multi-message choice; every field optional, as in the spec. */
export type DeltaMessage = t.TypeOf<typeof DeltaMessage>
