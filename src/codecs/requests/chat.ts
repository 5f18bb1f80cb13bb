// The request bodies of the chat and FIM completion endpoints. `model` is optional throughout:
// inside a batch the job names it, and a line names one only to override it.
import * as t from 'io-ts'
import { ChatRequestMessages } from './messages.js'
import { fields, integer, jsonObject, oneOf, orNull } from './requestCombinators.js'
import {
  GuardrailConfig,
  Prediction,
  ReasoningEffort,
  RequestTool,
  ResponseFormat,
  Stop,
  ToolChoice,
} from './tools.js'

/** The sampling fields chat and FIM completions share. */
const SAMPLING = {
  model: t.string,
  temperature: orNull(t.number),
  top_p: orNull(t.number),
  max_tokens: orNull(integer),
  stream: t.boolean,
  stop: Stop,
  random_seed: orNull(integer),
  metadata: orNull(jsonObject),
  prompt_cache_key: orNull(t.string),
}

/** A chat completion to make: `messages` (required), and the model's settings. */
export const ChatCompletionRequest = fields(
  { messages: ChatRequestMessages },
  {
    ...SAMPLING,
    response_format: ResponseFormat,
    tools: orNull(t.array(RequestTool)),
    tool_choice: ToolChoice,
    presence_penalty: orNull(t.number),
    frequency_penalty: orNull(t.number),
    n: orNull(integer),
    prediction: Prediction,
    parallel_tool_calls: t.boolean,
    reasoning_effort: orNull(ReasoningEffort),
    prompt_mode: orNull(oneOf(['reasoning'])),
    guardrails: orNull(t.array(GuardrailConfig)),
    service_tier: orNull(oneOf(['auto', 'standard_only'])),
    safe_prompt: t.boolean,
  },
  'ChatCompletionRequest',
)
export type ChatCompletionRequest = t.TypeOf<typeof ChatCompletionRequest>

/** A fill-in-the-middle completion to make: `prompt` (required), an optional `suffix`, the settings. */
export const FIMCompletionRequest = fields(
  { prompt: t.string },
  { ...SAMPLING, suffix: orNull(t.string), min_tokens: orNull(integer) },
  'FIMCompletionRequest',
)
export type FIMCompletionRequest = t.TypeOf<typeof FIMCompletionRequest>
