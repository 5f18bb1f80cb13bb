// Fake models of /v1/classifications and /v1/chat/classifications: one result per text or chat.
import { isRecord } from '../jsonValues.js'
import { isArray } from './boundGlobals.js'
import { checkMessages, messagesText } from './chatMessages.js'
import { fakeHexId, type FakeCall } from './fakeCall.js'
import { invalidRequest, succeed, type FakeOutcome } from './fakeOutcome.js'
import { FakeRandom, round6 } from './fakeRandom.js'
import { fingerprint } from './requestFingerprint.js'
import { checkTextInput, inputTexts } from './requestChecks.js'

/**
 * A classifier's targets are set when it is fine-tuned, so no real ones exist here: the fake
 * classifier answers for one target, `sentiment`, with three labels.
 */
const TARGET = 'sentiment'
const LABELS = ['negative', 'neutral', 'positive']

/** Label scores that sum to one (up to rounding), drawn from the text. */
function classify(text: string, model: string): Record<string, unknown> {
  const seed = fingerprint(`${model}\u0000${text}`)
  const random = new FakeRandom(seed.high ^ seed.low)
  const weights = LABELS.map(() => random.nextFloat() + 0.05)
  const sum = weights.reduce((total, weight) => total + weight, 0)
  const scores: Record<string, number> = {}
  LABELS.forEach((label, i) => {
    scores[label] = round6((weights[i] as number) / sum)
  })
  return { [TARGET]: { scores } }
}

/** Answers a text classification request, or says why its body is invalid. */
export function fakeClassifications(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const problem = checkTextInput(body)
  if (problem !== undefined) return invalidRequest(problem)
  const texts = inputTexts(body.input) as string[]
  return succeed({
    id: `mod-${fakeHexId(call)}`,
    model: call.model,
    results: texts.map((text) => classify(text, call.model)),
  })
}

/** The chats of an `input` that is one `{messages}` object or a non-empty list of them. */
function chatsOf(input: unknown): unknown[][] | string {
  const chats = isArray(input) ? input : [input]
  if (chats.length === 0 || !chats.every(isRecord)) {
    return 'The request needs `input`, an object with `messages` or a non-empty array of them.'
  }
  const messageLists: unknown[][] = []
  for (let i = 0; i < chats.length; i++) {
    const messages = (chats[i] as Record<string, unknown>).messages
    const problem = checkMessages(messages, `input[${i}].messages`)
    if (problem !== undefined) return problem
    messageLists.push(messages as unknown[])
  }
  return messageLists
}

/** Answers a chat classification request, or says why its body is invalid. */
export function fakeChatClassifications(
  body: Record<string, unknown>,
  call: FakeCall,
): FakeOutcome {
  const chats = chatsOf(body.input)
  if (typeof chats === 'string') return invalidRequest(chats)
  return succeed({
    id: `mod-${fakeHexId(call)}`,
    model: call.model,
    results: chats.map((messages) => classify(messagesText(messages), call.model)),
  })
}
