// Fake model of /v1/fim/completions: code between `prompt` and `suffix`, in a chat-completion body.
import { ceil, max } from './boundGlobals.js'
import {
  checkSampling,
  completionBody,
  drawCompletion,
  type FakeCompletion,
} from './chatCompletion.js'
import type { FakeCall } from './fakeCall.js'
import { invalidRequest, succeed, type FakeOutcome } from './fakeOutcome.js'
import { estimateTokens, fakeCodeLines } from './fakeText.js'
import { checkOptionalInteger, checkOptionalString } from './requestChecks.js'

/** Answers a fill-in-the-middle request, or says why its body is invalid. */
export function fakeFimCompletion(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const problem =
    (typeof body.prompt === 'string' ? undefined : 'The request needs `prompt`, a string.') ??
    checkOptionalString(body, 'suffix') ??
    checkOptionalInteger(body, 'min_tokens', 0) ??
    checkSampling(body)
  if (problem !== undefined) return invalidRequest(problem)
  const prompt = body.prompt as string
  const suffix = typeof body.suffix === 'string' ? body.suffix : ''
  // Four words make one fake statement, so the token count stays the word count.
  const render = (words: string[]): string =>
    fakeCodeLines(call.random, max(1, ceil(words.length / 4)))
  const completions: FakeCompletion[] = [drawCompletion(call, body.max_tokens, render)]
  return succeed(completionBody(call, estimateTokens(prompt + suffix), completions))
}
