// The demo's chat requests (varied prompts built from a few lists, the same for the same index),
// and the first few answers of their results.
import * as E from 'fp-ts/Either'
import { ChatCompletionResponse, type BatchRequestInput, type ResultLine } from 'mistral-batch-rx'

// Seven tasks and thirteen topics: 91 prompts before one comes again.
const TASKS = [
  'Explain in two sentences',
  'Write a haiku about',
  'Give three tips on',
  'Summarize the history of',
  'List two common mistakes with',
  'Describe to a ten-year-old',
  'Compare, in one paragraph, two approaches to',
]

const TOPICS = (
  'reactive streams, batch inference, the JSON Lines format, exponential backoff, ' +
  'sourdough bread, the Paris metro, tide pools, compound interest, plate tectonics, ' +
  'jazz improvisation, the French Revolution, solar sails, honeybee navigation'
).split(', ')

/** The model the demo asks for. */
export const DEMO_MODEL = 'mistral-small-latest'

/** The prompt of request `index`: a task and a topic, cycling at different paces. */
export const demoPrompt = (index: number): string => {
  const task = TASKS[index % TASKS.length] ?? ''
  const topic = TOPICS[Math.floor(index / TASKS.length) % TOPICS.length] ?? ''
  return `${task} ${topic}. (request ${index})`
}

/** The demo's index of a custom_id, or undefined for one it did not make. */
export const demoIndexOf = (customId: string | null): number | undefined => {
  const match = customId === null ? null : /^demo-(\d+)$/.exec(customId)
  return match === null ? undefined : Number(match[1])
}

/** `count` chat requests, generated as they are read. */
export function* demoRequests(count: number): Generator<BatchRequestInput> {
  for (let index = 0; index < count; index += 1) {
    yield {
      custom_id: `demo-${index}`,
      body: {
        model: DEMO_MODEL,
        max_tokens: 48,
        messages: [{ role: 'user', content: demoPrompt(index) }],
      },
    }
  }
}

/** The first choice's text of a succeeded chat completion result, if it has one. */
export const answerOf = (line: ResultLine): string | undefined => {
  if (line.failed) return undefined
  const decoded = ChatCompletionResponse.decode(line.response.body)
  if (E.isLeft(decoded)) return undefined
  const content = decoded.right.choices[0]?.message?.content
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return undefined
  return content.map((chunk) => (typeof chunk.text === 'string' ? chunk.text : '')).join('')
}

/** Answers shown at the end. */
const SHOWN_ANSWERS = 3
/** The longest answer shown, in characters. */
const ANSWER_WIDTH = 160

const shorten = (text: string): string =>
  text.length <= ANSWER_WIDTH ? text : `${text.slice(0, ANSWER_WIDTH - 1)}…`

/**
 * The first few answers to the demo's prompts: `keep` looks at each result, `closingLines` shows
 * them, and what to do next (nothing without an answer).
 */
export const demoAnswers = () => {
  const answers: Array<[string, string]> = []
  return {
    keep(line: ResultLine): void {
      if (answers.length >= SHOWN_ANSWERS) return
      const index = demoIndexOf(line.custom_id)
      const answer = answerOf(line)
      if (index !== undefined && answer !== undefined) answers.push([demoPrompt(index), answer])
    },
    closingLines(): string[] {
      if (answers.length === 0) return []
      return [
        '',
        'A few answers (from the fake model of the emulator):',
        ...answers.flatMap(([prompt, answer]) => [`  > ${prompt}`, `    ${shorten(answer)}`]),
        '',
        'Next: mistral-batch emulator, then in another terminal:',
        '  MISTRAL_BASE_URL=<its url> mistral-batch run requests.jsonl --endpoint /v1/chat/completions',
      ]
    },
  }
}
