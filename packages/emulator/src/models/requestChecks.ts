// Checks of request body fields: each returns the sentence to report, or undefined when the
// field is fine (a reader returns that sentence in place of what it reads).
import { isRecord } from '../jsonValues.js'
import { isArray, isInteger } from './fakeKit.js'

/** The texts of an `input` that is a string or a non-empty array of strings. */
export function inputTexts(input: unknown): string[] | string {
  if (typeof input === 'string') return [input]
  const fits = isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string')
  return fits
    ? (input as string[])
    : 'The request needs `input`, a string or a non-empty array of strings.'
}

export function checkOptionalInteger(body: Record<string, unknown>, key: string, min: number) {
  const value = body[key]
  if (value === undefined || value === null || (isInteger(value) && (value as number) >= min))
    return undefined
  return `\`${key}\` must be an integer of at least ${min}, or null.`
}

export function checkOptionalString(body: Record<string, unknown>, key: string) {
  const value = body[key]
  if (value === undefined || value === null || typeof value === 'string') return undefined
  return `\`${key}\` must be a string, or null.`
}

export function checkOptionalEnum(
  body: Record<string, unknown>,
  key: string,
  allowed: readonly string[],
) {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' && allowed.includes(value)) return undefined
  return `\`${key}\` must be one of ${allowed.map((item) => `'${item}'`).join(', ')}.`
}

const ROLES = ['system', 'user', 'assistant', 'tool']

/** The problem with one message, or undefined when it fits one of the four message schemas. */
function messageProblem(message: unknown): string | undefined {
  if (!isRecord(message)) return 'is not an object'
  if (typeof message.role !== 'string' || !ROLES.includes(message.role)) {
    return "has no `role` among 'system', 'user', 'assistant', 'tool'"
  }
  if (message.role !== 'assistant' && !('content' in message)) return 'has no `content`'
  const { content } = message
  if (content === null || content === undefined || typeof content === 'string') return undefined
  return isArray(content)
    ? undefined
    : 'has a `content` that is neither a string, null nor an array of chunks'
}

export function checkMessages(value: unknown, field: string): string | undefined {
  if (!isArray(value) || value.length === 0) {
    return `The request needs \`${field}\`, a non-empty array of chat messages.`
  }
  for (let i = 0; i < value.length; i++) {
    const problem = messageProblem(value[i])
    if (problem !== undefined) return `Message ${i} of \`${field}\` ${problem}.`
  }
  return undefined
}

/** The text of a message content: the string itself, or the `text` of its text chunks. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!isArray(content)) return ''
  let text = ''
  for (const chunk of content) {
    if (isRecord(chunk) && typeof chunk.text === 'string') text += chunk.text
  }
  return text
}

/** The text of every message (already checked by `checkMessages`), joined by newlines. */
export const messagesText = (messages: readonly unknown[]): string =>
  messages.map((message) => (isRecord(message) ? contentText(message.content) : '')).join('\n')
