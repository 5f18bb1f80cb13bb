// Fake models of /v1/moderations and /v1/chat/moderations: one result per text or conversation.
import { isArray } from './boundGlobals.js'
import { checkMessages, messagesText } from './chatMessages.js'
import { fakeHexId, type FakeCall } from './fakeCall.js'
import { invalidRequest, succeed, type FakeOutcome } from './fakeOutcome.js'
import { FakeRandom, round6 } from './fakeRandom.js'
import { fingerprint } from './requestFingerprint.js'
import { checkTextInput, inputTexts } from './requestChecks.js'

/**
 * Mistral's moderation categories, each with words that flag it, so a user can make a fake
 * moderation flag a text on purpose.
 */
const CATEGORY_TRIGGERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['sexual', ['sexual', 'explicit']],
  ['hate_and_discrimination', ['hate', 'discriminat']],
  ['violence_and_threats', ['violence', 'threat', 'kill']],
  ['dangerous_and_criminal_content', ['weapon', 'crime', 'criminal']],
  ['selfharm', ['self-harm', 'suicide']],
  ['health', ['diagnosis', 'medical']],
  ['financial', ['invest', 'loan']],
  ['law', ['lawsuit', 'legal advice']],
  ['pii', ['passport', 'social security']],
]

/** Scores below 0.1 unless a trigger word appears (then above 0.9); flagged from 0.5. */
function moderate(text: string): Record<string, unknown> {
  const seed = fingerprint(text)
  const random = new FakeRandom(seed.high ^ seed.low)
  const lower = text.toLowerCase()
  const categories: Record<string, boolean> = {}
  const scores: Record<string, number> = {}
  for (const [category, triggers] of CATEGORY_TRIGGERS) {
    const triggered = triggers.some((word) => lower.includes(word))
    const score = round6(triggered ? 0.9 + random.nextFloat() * 0.1 : random.nextFloat() * 0.1)
    categories[category] = score >= 0.5
    scores[category] = score
  }
  return { categories, category_scores: scores }
}

/** Answers a text moderation request, or says why its body is invalid. */
export function fakeModerations(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const problem = checkTextInput(body)
  if (problem !== undefined) return invalidRequest(problem)
  const texts = inputTexts(body.input) as string[]
  return succeed({ id: `mod-${fakeHexId(call)}`, model: call.model, results: texts.map(moderate) })
}

/** The conversations of a chat `input`: one list of messages, or a list of such lists. */
function conversationsOf(input: unknown): unknown[][] | string {
  if (!isArray(input) || input.length === 0) {
    return 'The request needs `input`, a non-empty array of chat messages or of conversations.'
  }
  const conversations = input.every((item) => isArray(item)) ? (input as unknown[][]) : [input]
  for (let i = 0; i < conversations.length; i++) {
    const problem = checkMessages(conversations[i], `input[${i}]`)
    if (problem !== undefined) return problem
  }
  return conversations
}

/** Answers a chat moderation request, or says why its body is invalid. */
export function fakeChatModerations(body: Record<string, unknown>, call: FakeCall): FakeOutcome {
  const conversations = conversationsOf(body.input)
  if (typeof conversations === 'string') return invalidRequest(conversations)
  return succeed({
    id: `mod-${fakeHexId(call)}`,
    model: call.model,
    results: conversations.map((messages) => moderate(messagesText(messages))),
  })
}
