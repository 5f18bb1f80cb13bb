// Checks of request body fields: each returns the sentence to report, or undefined when the field is fine.
import { isArray, isInteger } from './boundGlobals.js'

/** True for a non-empty array of strings. */
function isStringList(value: unknown): value is string[] {
  return isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
}

/** The texts of an `input` that is a string or a non-empty list of strings. */
export function inputTexts(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value]
  return isStringList(value) ? value : undefined
}

/** `input` must be a string or a non-empty array of strings. */
export function checkTextInput(body: Record<string, unknown>): string | undefined {
  return inputTexts(body.input) === undefined
    ? 'The request needs `input`, a string or a non-empty array of strings.'
    : undefined
}

/** An optional field that, when present and not null, must be an integer of at least `min`. */
export function checkOptionalInteger(
  body: Record<string, unknown>,
  key: string,
  min: number,
): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  return isInteger(value) && (value as number) >= min
    ? undefined
    : `\`${key}\` must be an integer of at least ${min}, or null.`
}

/** An optional field that, when present and not null, must be a string. */
export function checkOptionalString(
  body: Record<string, unknown>,
  key: string,
): string | undefined {
  const value = body[key]
  return value === undefined || value === null || typeof value === 'string'
    ? undefined
    : `\`${key}\` must be a string, or null.`
}

/** An optional field that, when present, must be one of the listed strings. */
export function checkOptionalEnum(
  body: Record<string, unknown>,
  key: string,
  allowed: readonly string[],
): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' && allowed.includes(value)
    ? undefined
    : `\`${key}\` must be one of ${allowed.map((item) => `'${item}'`).join(', ')}.`
}
