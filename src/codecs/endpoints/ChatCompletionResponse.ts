// The body of a /v1/chat/completions result.
import * as t from 'io-ts'
import { ChatCompletionChoice } from './ChatCompletionChoice.js'
import { UsageInfo } from './UsageInfo.js'

// The spec's required list also names `data`, copied from the embeddings schema by mistake: no
// chat completion carries it (see examples/chat-output.jsonl), so it is not required here.
/** A chat completion: `id`, `object`, `model`, `usage`, `created` (unix seconds) and `choices`. */
export const ChatCompletionResponse = t.type(
  {
    id: t.string,
    object: t.string,
    model: t.string,
    usage: UsageInfo,
    created: t.number,
    choices: t.array(ChatCompletionChoice),
  },
  'ChatCompletionResponse',
)
/** A chat completion: `id`, `object`, `model`, `usage`, `created` (unix seconds) and `choices`. */
export type ChatCompletionResponse = t.TypeOf<typeof ChatCompletionResponse>
