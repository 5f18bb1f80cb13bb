// Fake models of /v1/moderations, /v1/chat/moderations, /v1/classifications and
// /v1/chat/classifications: one result per text or chat, its scores drawn from the text alone.
import { isRecord } from '../jsonValues.js'
import { fakeHexId, isArray, round6, textRandom, type FakeCall } from './fakeKit.js'
import { checkMessages, inputTexts, messagesText } from './requestChecks.js'

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

/**
 * A classifier's targets are set when it is fine-tuned, so no real ones exist here: the fake
 * classifier answers for one target, `sentiment`, with three labels.
 */
const LABELS = ['negative', 'neutral', 'positive']

/** Scores below 0.1 unless a trigger word appears (then above 0.9); flagged from 0.5. */
function moderate(text: string): Record<string, unknown> {
  const random = textRandom(text)
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

/** Label scores that sum to one (up to rounding). */
function classify(text: string, model: string): Record<string, unknown> {
  const random = textRandom(`${model}\u0000${text}`)
  const weights = LABELS.map(() => random.nextFloat() + 0.05)
  const sum = weights.reduce((total, weight) => total + weight, 0)
  const scores: Record<string, number> = {}
  LABELS.forEach((label, i) => (scores[label] = round6((weights[i] as number) / sum)))
  return { sentiment: { scores } }
}

/** The results of a request whose inputs read as `texts` (or the sentence saying why not). */
const results = (call: FakeCall, texts: string[] | string, score: (text: string) => unknown) =>
  typeof texts === 'string'
    ? texts
    : { id: `mod-${fakeHexId(call)}`, model: call.model, results: texts.map(score) }

/** The texts of the chats of `chats`, each checked as the messages at `field(i)`. */
function chatTexts(chats: unknown[], field: (i: number) => string): string[] | string {
  const texts: string[] = []
  for (let i = 0; i < chats.length; i++) {
    const problem = checkMessages(chats[i], field(i))
    if (problem !== undefined) return problem
    texts.push(messagesText(chats[i] as unknown[]))
  }
  return texts
}

/** A chat moderation's `input`: one list of messages, or a list of such lists. */
function conversationTexts(input: unknown): string[] | string {
  if (!isArray(input) || input.length === 0) {
    return 'The request needs `input`, a non-empty array of chat messages or of conversations.'
  }
  const conversations = input.every((item) => isArray(item)) ? input : [input]
  return chatTexts(conversations, (i) => `input[${i}]`)
}

/** A chat classification's `input`: one `{messages}` object or a non-empty list of them. */
function chatInputTexts(input: unknown): string[] | string {
  const chats = isArray(input) ? input : [input]
  if (chats.length === 0 || !chats.every(isRecord)) {
    return 'The request needs `input`, an object with `messages` or a non-empty array of them.'
  }
  return chatTexts(
    chats.map((chat) => chat.messages),
    (i) => `input[${i}].messages`,
  )
}

export const fakeModerations = (body: Record<string, unknown>, call: FakeCall) =>
  results(call, inputTexts(body.input), moderate)

export const fakeChatModerations = (body: Record<string, unknown>, call: FakeCall) =>
  results(call, conversationTexts(body.input), moderate)

export const fakeClassifications = (body: Record<string, unknown>, call: FakeCall) =>
  results(call, inputTexts(body.input), (text) => classify(text, call.model))

export const fakeChatClassifications = (body: Record<string, unknown>, call: FakeCall) =>
  results(call, chatInputTexts(body.input), (text) => classify(text, call.model))
