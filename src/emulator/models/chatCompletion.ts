// Fake model of /v1/chat/completions: choices with an assistant message, and consistent usage.
import { isRecord } from '../jsonValues.js'
import { jsonStringify, min } from './boundGlobals.js'
import { checkMessages, messagesText } from './chatMessages.js'
import { fakeHexId, type FakeCall } from './fakeCall.js'
import { invalidRequest, succeed, type FakeOutcome } from './fakeOutcome.js'
import { asSentences, estimateTokens, fakeWords } from './fakeText.js'
import { checkOptionalInteger } from './requestChecks.js'

/** One generated completion: its text, its token count and why it stopped. */
export interface FakeCompletion {
  content: string
  completionTokens: number
  finishReason: 'stop' | 'length'
}

/** The checks shared by chat and FIM: the sampling fields a fake model reads. */
export function checkSampling(body: Record<string, unknown>): string | undefined {
  return checkOptionalInteger(body, 'max_tokens', 0) ?? checkOptionalInteger(body, 'n', 1)
}

/**
 * Draws a completion of 8 to 40 tokens, cut at `max_tokens` (then `finish_reason` is `length`).
 * One fake word counts as one token.
 */
export function drawCompletion(
  call: FakeCall,
  maxTokens: unknown,
  render: (words: string[]) => string,
): FakeCompletion {
  const natural = call.random.nextInt(8, 40)
  const count = typeof maxTokens === 'number' ? min(natural, maxTokens) : natural
  const words = fakeWords(call.random, count)
  return {
    content: count === 0 ? '' : render(words),
    completionTokens: count,
    finishReason: count < natural ? 'length' : 'stop',
  }
}

/** A chat-completion-shaped body (also used by FIM, whose response schema extends it). */
export function completionBody(
  call: FakeCall,
  promptTokens: number,
  completions: readonly FakeCompletion[],
): Record<string, unknown> {
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

/** True when `response_format` asks for JSON, so the answer must parse as JSON. */
function wantsJson(responseFormat: unknown): boolean {
  return (
    isRecord(responseFormat) &&
    (responseFormat.type === 'json_object' || responseFormat.type === 'json_schema')
  )
}

/** Answers a chat completion request, or says why its body is invalid. */
export function fakeChatCompletion(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const problem = checkMessages(body.messages, 'messages') ?? checkSampling(body)
  if (problem !== undefined) return invalidRequest(problem)
  const messages = body.messages as unknown[]
  const json = wantsJson(body.response_format)
  const render = (words: string[]): string => {
    const text = asSentences(call.random, words)
    return json ? jsonStringify({ answer: text }) : text
  }
  const choiceCount = typeof body.n === 'number' ? body.n : 1
  const completions: FakeCompletion[] = []
  for (let i = 0; i < choiceCount; i++) {
    completions.push(drawCompletion(call, body.max_tokens, render))
  }
  const promptTokens = estimateTokens(messagesText(messages)) + 3 * messages.length
  return succeed(completionBody(call, promptTokens, completions))
}
