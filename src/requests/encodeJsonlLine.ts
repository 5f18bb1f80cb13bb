// One value to one JSONL line: the single place where values are serialized for upload.
import { toJsonText } from '../http/jsonProblem.js'
import { JsonlEncodeError } from './jsonlEncodeError.js'

/**
 * The JSON text of `value` followed by `\n`. `JSON.stringify` escapes every control character,
 * so the line has no newline inside. Throws a {@link JsonlEncodeError} naming `index` and the
 * path inside the value for a value that has no JSON text (undefined, a function, a symbol) or
 * cannot be serialized (a BigInt, a cycle, a throwing `toJSON`).
 */
export function encodeJsonlLine(value: unknown, index: number): string {
  const encoded = toJsonText(value)
  if ('problem' in encoded) throw new JsonlEncodeError(index, encoded.problem)
  return encoded.text + '\n'
}
