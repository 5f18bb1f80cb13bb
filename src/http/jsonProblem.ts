// Why a value has no JSON text, and where in it: the one check of every body this client serializes.
import * as E from 'fp-ts/Either'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { Redact } from '../errors/secretMask.js'
import { invalid } from '../fp/either.js'

/** Where a value fails to serialize (`.body.messages[0].n`, `''` for the value itself), and why. */
export interface JsonProblem {
  /** The path inside the value, in JavaScript notation; empty for the value itself. */
  readonly path: string
  /** Why, in a few words: `a BigInt has no JSON form`, `a cycle`, `toJSON threw: ...`. */
  readonly reason: string
}

/** How deep the search for the failing value goes (JSON.stringify itself overflows its stack far deeper). */
const MAX_DEPTH = 1_000

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

const keyPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`

// Walks the value the way JSON.stringify does (toJSON first, then own enumerable keys), keeping
// the chain of objects above the current one to tell a cycle from a shared reference.
const find = (
  value: unknown,
  path: string,
  ancestors: Set<object>,
  depth: number,
): JsonProblem | undefined => {
  let current = value
  if (typeof current === 'object' && current !== null && 'toJSON' in current) {
    const toJSON = (current as { toJSON: unknown }).toJSON
    if (typeof toJSON === 'function') {
      try {
        current = (toJSON as (key: string) => unknown).call(current, '')
      } catch (error) {
        return { path, reason: `its toJSON() threw: ${describe(error)}` }
      }
    }
  }
  if (typeof current === 'bigint') return { path, reason: 'a BigInt has no JSON form' }
  if (typeof current !== 'object' || current === null) return undefined
  if (ancestors.has(current)) return { path, reason: 'it refers back to itself (a cycle)' }
  if (depth >= MAX_DEPTH) return { path, reason: `it is nested more than ${MAX_DEPTH} levels deep` }
  ancestors.add(current)
  try {
    const entries = Array.isArray(current)
      ? current.map((item, i) => [`[${i}]`, () => item] as const)
      : Object.keys(current).map(
          (key) => [key, () => (current as Record<string, unknown>)[key]] as const,
        )
    for (const [key, read] of entries) {
      const childPath = key.startsWith('[') ? `${path}${key}` : keyPath(path, key)
      let child: unknown
      try {
        child = read()
      } catch (error) {
        return { path: childPath, reason: `reading it threw: ${describe(error)}` }
      }
      const problem = find(child, childPath, ancestors, depth + 1)
      if (problem !== undefined) return problem
    }
    return undefined
  } finally {
    ancestors.delete(current)
  }
}

/**
 * The JSON text of `value`, or the problem that keeps it from having one: no JSON form at all
 * (undefined, a function, a symbol), a BigInt, a cycle, a throwing `toJSON` or getter, with the
 * path to the value at fault. Only a failure pays for the search of the path.
 */
export const toJsonText = (value: unknown): { text: string } | { problem: JsonProblem } => {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (error) {
    return { problem: find(value, '', new Set(), 0) ?? { path: '', reason: describe(error) } }
  }
  if (text === undefined) {
    const what = value === undefined ? 'undefined' : `a ${typeof value}`
    return { problem: { path: '', reason: `${what} has no JSON form` } }
  }
  return { text }
}

/**
 * The JSON text of `value`, or the `InvalidRequestError` of `field` (with the path inside it) that
 * has none, its message after `prefix`. The reason goes through `redact`: a throwing toJSON's own
 * message may hold anything.
 */
export const jsonTextOr = (
  value: unknown,
  field: string,
  prefix = '',
  redact: Redact = (text) => text,
): E.Either<InvalidRequestError, string> => {
  const encoded = toJsonText(value)
  if ('text' in encoded) return E.right(encoded.text)
  const at = `${field}${encoded.problem.path}`
  return invalid(`${prefix}${at} cannot be encoded as JSON: ${redact(encoded.problem.reason)}`, at)
}
