// Reading query parameters the way Mistral's API does: repeated keys as lists, typed scalars.
import { issue, type Issues } from './wireErrors.js'

/** The parsed query string as fastify gives it. */
export type Query = Record<string, string | string[] | undefined>

/** Every value of a key, whether it came once, repeated, or comma-joined. */
export const listParam = (query: Query, key: string): string[] =>
  [query[key] ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '')

/** The last value of a key (a repeated scalar keeps the last, as most servers do). */
export const scalarParam = (query: Query, key: string): string | undefined => {
  const value = query[key]
  return Array.isArray(value) ? value[value.length - 1] : value
}

/** An integer parameter in `min..max`, `fallback` when absent or wrong (then with an issue). */
export const intParam = (
  issues: Issues,
  query: Query,
  key: string,
  [fallback, min, max = Number.MAX_SAFE_INTEGER]: [number, number, number?],
): number => {
  const raw = scalarParam(query, key)
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (/^-?\d+$/.test(raw) && value >= min && value <= max) return value
  const msg = `Input should be an integer between ${min} and ${max}`
  issues.push(issue(['query', key], msg, raw, 'int_parsing'))
  return fallback
}

const BOOLEANS = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
])

/** A boolean parameter (`true`/`false`, also `1`/`0`), `fallback` when absent or wrong. */
export const boolParam = (
  issues: Issues,
  query: Query,
  key: string,
  fallback: boolean,
): boolean => {
  const raw = scalarParam(query, key)
  const value = raw === undefined || raw === '' ? fallback : BOOLEANS.get(raw.toLowerCase())
  if (value !== undefined) return value
  issues.push(issue(['query', key], 'Input should be a valid boolean', raw, 'bool_parsing'))
  return fallback
}
