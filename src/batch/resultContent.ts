// Structured outputs: the JSON a chat answer's text holds, parsed and decoded with the caller's codec.
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { previewJson } from '../codecs/previewJson.js'
import { isRecord } from '../fp/either.js'

/** Where the answer's text is read from, as it is named in messages. */
export const CONTENT_PATH = 'choices[0].message.content'

// Reasoning models answer in chunks (`thinking` then `text`): the JSON is the text chunks joined.
const textOfChunks = (chunks: ReadonlyArray<unknown>): string | undefined => {
  let text: string | undefined
  for (const chunk of chunks) {
    if (isRecord(chunk) && chunk.type === 'text' && typeof chunk.text === 'string') {
      text = (text ?? '') + chunk.text
    }
  }
  return text
}

/** The text of `choices[0].message.content` of a chat completion body, if it has any. */
const answerText = (body: unknown): string | undefined => {
  if (!isRecord(body) || !Array.isArray(body.choices)) return undefined
  const choice: unknown = body.choices[0]
  const message = isRecord(choice) ? choice.message : undefined
  const content = isRecord(message) ? message.content : undefined
  if (typeof content === 'string') return content
  return Array.isArray(content) ? textOfChunks(content) : undefined
}

/**
 * The answer of a chat completion `body` (`choices[0].message.content`, a string or the text
 * chunks joined), JSON-parsed and decoded with `codec`; or why not: a sentence when there is no
 * JSON to decode, the codec's errors when it did not fit.
 */
export const readContent = <C>(
  body: unknown,
  codec: t.Decoder<unknown, C>,
): E.Either<string | t.Errors, C> => {
  const text = answerText(body)
  if (text === undefined) return E.left(`response.body has no text at ${CONTENT_PATH}`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // the start of the answer tells a refusal or plain prose from JSON cut at max_tokens
    return E.left(`${CONTENT_PATH} is not JSON: ${previewJson(text, 60)}`)
  }
  return codec.decode(value)
}
