// Fake models of /v1/chat/completions and /v1/fim/completions (whose response schema extends
// chat's): choices with an assistant message, and consistent usage.
import { isRecord } from '../jsonValues.js'
import {
  asSentences,
  ceil,
  estimateTokens,
  fakeCodeLines,
  fakeHexId,
  fakeWords,
  jsonStringify,
  max,
  min,
  type FakeCall,
  type FakeAnswer,
} from './fakeKit.js'
import {
  checkMessages,
  checkOptionalInteger,
  checkOptionalString,
  messagesText,
} from './requestChecks.js'

/** One generated completion: its text, its token count and why it stopped. */
type FakeCompletion = { content: string; completionTokens: number; finishReason: 'stop' | 'length' }

/** The sampling fields a fake model reads. */
const checkSampling = (body: Record<string, unknown>): string | undefined =>
  checkOptionalInteger(body, 'max_tokens', 0) ?? checkOptionalInteger(body, 'n', 1)

/**
 * Draws a completion of 8 to 40 tokens, cut at `max_tokens` (then `finish_reason` is `length`).
 * One fake word counts as one token.
 */
function drawCompletion(call: FakeCall, maxTokens: unknown, render: (words: string[]) => string) {
  const natural = call.random.nextInt(8, 40)
  const count = typeof maxTokens === 'number' ? min(natural, maxTokens) : natural
  const words = fakeWords(call.random, count)
  return {
    content: count === 0 ? '' : render(words),
    completionTokens: count,
    finishReason: count < natural ? 'length' : 'stop',
  } satisfies FakeCompletion
}

function completionBody(call: FakeCall, promptTokens: number, completions: FakeCompletion[]) {
  const completionTokens = completions.reduce((sum, item) => sum + item.completionTokens, 0)
  return {
    id: fakeHexId(call),
    object: 'chat.completion',
    model: call.model,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    created: call.nowSeconds,
    choices: completions.map((completion, index) => ({
      index,
      finish_reason: completion.finishReason,
      message: { role: 'assistant', content: completion.content, tool_calls: null },
    })),
  }
}

export function fakeChatCompletion(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const problem = checkMessages(body.messages, 'messages') ?? checkSampling(body)
  if (problem !== undefined) return problem
  const messages = body.messages as unknown[]
  // A `response_format` of JSON asks for an answer that parses as JSON.
  const format = isRecord(body.response_format) ? body.response_format.type : undefined
  const json = format === 'json_object' || format === 'json_schema'
  const render = (words: string[]): string => {
    const text = asSentences(call.random, words)
    return json ? jsonStringify({ answer: text }) : text
  }
  const choiceCount = typeof body.n === 'number' ? body.n : 1
  const completions: FakeCompletion[] = []
  for (let i = 0; i < choiceCount; i++)
    completions.push(drawCompletion(call, body.max_tokens, render))
  const promptTokens = estimateTokens(messagesText(messages)) + 3 * messages.length
  return completionBody(call, promptTokens, completions)
}

/** Fill in the middle: code between `prompt` and `suffix`. */
export function fakeFimCompletion(body: Record<string, unknown>, call: FakeCall): FakeAnswer {
  const problem =
    (typeof body.prompt === 'string' ? undefined : 'The request needs `prompt`, a string.') ??
    checkOptionalString(body, 'suffix') ??
    checkOptionalInteger(body, 'min_tokens', 0) ??
    checkSampling(body)
  if (problem !== undefined) return problem
  const suffix = typeof body.suffix === 'string' ? body.suffix : ''
  // Four words make one fake statement, so the token count stays the word count.
  const render = (words: string[]) => fakeCodeLines(call.random, max(1, ceil(words.length / 4)))
  const completion = drawCompletion(call, body.max_tokens, render)
  return completionBody(call, estimateTokens((body.prompt as string) + suffix), [completion])
}
