// Parsers of option values for commander: a bad value is a usage error naming the option.
import { InvalidArgumentError } from 'commander'

/** A parser of numbers from `min` to `max`, whole ones only with `whole`, else `must be <what>`. */
const numberFrom =
  (min: number, max: number, whole: boolean, what: string) =>
  (raw: string): number => {
    const value = Number(raw)
    const number = whole ? Number.isInteger(value) : Number.isFinite(value)
    if (raw.trim() === '' || !number || value < min || value > max) {
      throw new InvalidArgumentError(`must be ${what}.`)
    }
    return value
  }

/** An integer >= 1. */
export const positiveInteger = numberFrom(1, Infinity, true, 'a whole number of at least 1')

/** A parser of whole numbers from `min` to `max`. */
export const integerFrom = (min: number, max: number): ((raw: string) => number) =>
  numberFrom(min, max, true, `a whole number from ${min} to ${max}`)

/**
 * Seconds between two polls of a job, from 0.1 (faster only spends the rate limit) to 3600 (a
 * job's end should be seen within the hour).
 */
export const intervalSeconds = numberFrom(
  0.1,
  3600,
  false,
  'a number of seconds from 0.1 to 3600, such as 2 or 0.5',
)

/** Seconds to wait, from 0 to a day. */
export const waitSeconds = numberFrom(0, 86_400, false, 'a number of seconds from 0 to 86400')

/**
 * A parser that takes one of `allowed`, in any letter case (it returns the allowed spelling), so
 * that a typo fails here instead of reaching the server as a filter that matches nothing.
 */
export const oneOf =
  <T extends string>(allowed: ReadonlyArray<T>) =>
  (raw: string): T => {
    const match = allowed.find((value) => value.toLowerCase() === raw.trim().toLowerCase())
    if (match === undefined) {
      throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}.`)
    }
    return match
  }

/** Adds one `key=value` pair to the record built so far (for a repeatable option). */
export const keyValuePair = (
  raw: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> => {
  const at = raw.indexOf('=')
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got "${raw}".`)
  return { ...previous, [raw.slice(0, at)]: raw.slice(at + 1) }
}
