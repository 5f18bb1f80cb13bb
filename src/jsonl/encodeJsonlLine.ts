// One value to one JSONL line: the single place where values are serialized for upload.
import { JsonlEncodeError } from './jsonlEncodeError.js'

/**
 * The JSON text of `value` followed by `\n`. `JSON.stringify` escapes every control character,
 * so the line has no newline inside. Throws a {@link JsonlEncodeError} naming `index` for a
 * value that has no JSON text (undefined, a function, a symbol) or cannot be serialized (a
 * BigInt, a cycle, a throwing `toJSON`).
 */
export function encodeJsonlLine(value: unknown, index: number): string {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch (error) {
    throw new JsonlEncodeError(index, error instanceof Error ? error.message : String(error), error)
  }
  if (json === undefined) {
    const what = value === undefined ? 'undefined' : `a ${typeof value}`
    throw new JsonlEncodeError(index, `JSON.stringify gives no text for ${what}`)
  }
  return json + '\n'
}
