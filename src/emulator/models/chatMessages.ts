// Chat messages as the request schemas define them (system, user, assistant, tool), checked and read.
import { isRecord } from '../jsonValues.js'
import { isArray } from './boundGlobals.js'

const ROLES = ['system', 'user', 'assistant', 'tool']

/** The problem with one message, or undefined when it fits one of the four message schemas. */
function messageProblem(message: unknown): string | undefined {
  if (!isRecord(message)) return 'is not an object'
  if (typeof message.role !== 'string' || !ROLES.includes(message.role)) {
    return "has no `role` among 'system', 'user', 'assistant', 'tool'"
  }
  if (message.role !== 'assistant' && !('content' in message)) return 'has no `content`'
  const content = message.content
  if (
    content !== null &&
    content !== undefined &&
    typeof content !== 'string' &&
    !isArray(content)
  ) {
    return 'has a `content` that is neither a string, null nor an array of chunks'
  }
  return undefined
}

/** `field` must be a non-empty array of chat messages. */
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
export function messagesText(messages: readonly unknown[]): string {
  return messages
    .map((message) => (isRecord(message) ? contentText(message.content) : ''))
    .join('\n')
}
