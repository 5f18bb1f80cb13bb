// Reading query parameters the way Mistral's API does: repeated keys as lists, typed scalars.
import { issue, type ValidationIssue } from './wireErrors.js'

/** The parsed query string as fastify gives it. */
export type Query = Record<string, string | string[] | undefined>

/** Every value of a key, whether it came once, repeated, or comma-joined. */
export const listParam = (query: Query, key: string): string[] => {
  const value = query[key]
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '')
}

/** The last value of a key (a repeated scalar keeps the last, as most servers do). */
export const scalarParam = (query: Query, key: string): string | undefined => {
  const value = query[key]
  return Array.isArray(value) ? value[value.length - 1] : value
}

/** Result of reading a typed parameter: the value, or the 422 issue to report. */
export type ParamResult<A> = { ok: true; value: A } | { ok: false; issue: ValidationIssue }

/** An integer parameter with bounds, defaulting when absent. */
export const intParam = (
  query: Query,
  key: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): ParamResult<number> => {
  const raw = scalarParam(query, key)
  if (raw === undefined || raw === '') return { ok: true, value: fallback }
  const value = Number(raw)
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    return {
      ok: false,
      issue: issue(
        ['query', key],
        `Input should be an integer between ${min} and ${max}`,
        raw,
        'int_parsing',
      ),
    }
  }
  return { ok: true, value }
}

/** A boolean parameter (`true`/`false`, also `1`/`0`), defaulting when absent. */
export const boolParam = (query: Query, key: string, fallback: boolean): ParamResult<boolean> => {
  const raw = scalarParam(query, key)
  if (raw === undefined || raw === '') return { ok: true, value: fallback }
  const lower = raw.toLowerCase()
  if (lower === 'true' || lower === '1') return { ok: true, value: true }
  if (lower === 'false' || lower === '0') return { ok: true, value: false }
  return {
    ok: false,
    issue: issue(['query', key], 'Input should be a valid boolean', raw, 'bool_parsing'),
  }
}
