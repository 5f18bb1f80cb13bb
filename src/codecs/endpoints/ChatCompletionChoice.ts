// One choice of a chat or FIM completion.
import * as t from 'io-ts'
import { AssistantMessage } from './AssistantMessage.js'
import { DeltaMessage } from './DeltaMessage.js'
import { FinishReason } from './FinishReason.js'

/** A choice: `index` and `finish_reason` (required), and its `message` (or `messages`). */
export const ChatCompletionChoice = t.intersection(
  [
    t.type({ index: t.number, finish_reason: FinishReason }),
    t.partial({ message: AssistantMessage, messages: t.array(DeltaMessage) }),
  ],
  'ChatCompletionChoice',
)
/** A choice: `index` and `finish_reason` (required), and its `message` (or `messages`). */
export type ChatCompletionChoice = t.TypeOf<typeof ChatCompletionChoice>
