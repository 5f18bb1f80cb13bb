// The text of a chat result, for showing a few answers at the end of the demo.
import * as E from 'fp-ts/Either'
import { ChatCompletionResponse, type ResultLine } from '../../index.js'

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
