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
