// Parsers of option values for commander: a bad value is a usage error naming the option.
import { InvalidArgumentError } from 'commander'

/** An integer >= 1. */
export const positiveInteger = (raw: string): number => {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1.')
  }
  return value
}

/** A parser of whole numbers from `min` to `max`. */
export const integerFrom =
  (min: number, max: number) =>
  (raw: string): number => {
    const value = Number(raw)
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}.`)
    }
    return value
  }

/** The shortest poll interval: faster only spends the rate limit. */
const MIN_INTERVAL_SECONDS = 0.1
/** The longest: a job's end should be seen within the hour. */
const MAX_INTERVAL_SECONDS = 3600

/** Seconds between two polls of a job, from 0.1 to 3600 (`2`, `0.5`). */
export const intervalSeconds = (raw: string): number => {
  const value = Number(raw)
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    value < MIN_INTERVAL_SECONDS ||
    value > MAX_INTERVAL_SECONDS
  ) {
    throw new InvalidArgumentError(
      `must be a number of seconds from ${MIN_INTERVAL_SECONDS} to ${MAX_INTERVAL_SECONDS}, such as 2 or 0.5.`,
    )
  }
  return value
}

/**
 * A parser that takes one of `allowed`, in any letter case (it returns the allowed spelling), so
 * that a typo fails here instead of reaching the server as a filter that matches nothing.
 */
export const oneOf =
  (allowed: ReadonlyArray<string>) =>
  (raw: string): string => {
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

/** Adds one value to the list built so far (for a repeatable option). */
export const collect = (raw: string, previous: ReadonlyArray<string> = []): string[] => [
  ...previous,
  raw,
]
