// Unknown option names: a typo such as `maxRetry` is an error naming the closest known key, not silently ignored.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'

/** The option names an options object may have: a record, so the compiler checks it against the type. */
export type KnownKeys<T> = { readonly [K in keyof Required<T>]: true }

/** The options of an operation whose only option is its signal (get, cancel, delete, list). */
export interface OperationOptions {
  /** Aborting it ends the operation with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/** The option names of an operation whose only option is `signal`. */
export const SIGNAL_ONLY: KnownKeys<OperationOptions> = { signal: true }

// Edit distance with the classic two-row table; option names are short, so this is cheap.
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]!
}

const commonPrefix = (a: string, b: string): number => {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

/**
 * The known key `name` was most likely meant to be (case-insensitive): the nearest by edit
 * distance when a few edits away, else one that `name` begins, else one sharing its first six
 * characters or more (`expectedIds` for `expectedCustomIds`). `undefined` when none is close.
 */
export const closestKey = (name: string, known: ReadonlyArray<string>): string | undefined => {
  const lower = name.toLowerCase()
  const scored = known.map((key) => {
    const k = key.toLowerCase()
    return {
      key,
      d: distance(lower, k),
      prefix: commonPrefix(lower, k),
      begun: k.startsWith(lower),
    }
  })
  const byDistance = [...scored].sort((x, y) => x.d - y.d)
  const nearest = byDistance[0]
  if (nearest !== undefined && nearest.d <= Math.max(3, Math.floor(name.length / 3))) {
    return nearest.key
  }
  const begun = lower.length >= 3 ? byDistance.find((s) => s.begun) : undefined
  if (begun !== undefined) return begun.key
  return byDistance.find((s) => s.prefix >= 6)?.key
}

// A key is shown only when it looks like a name: a caller's odd key may be any text.
const looksLikeName = (name: string): boolean => /^[\w$-]{1,64}$/.test(name)
const shown = (name: string): string =>
  looksLikeName(name) ? `\`${name}\`` : 'a key that is not an option name'

/**
 * Checks that `options` is an object (or absent) whose own keys are all in `known` (its values do
 * not matter): the first unknown one is an `InvalidRequestError` that names it, the object
 * (`where`) and the closest known key. `undefined` when everything is known.
 */
export const unknownKeyError = <T>(
  options: unknown,
  known: { readonly [K in keyof Required<T>]: unknown },
  where: string,
): InvalidRequestError | undefined => {
  if (options === undefined) return undefined
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return new InvalidRequestError(`${where} must be an object, got ${describeType(options)}`, {
      field: where,
    })
  }
  const knownNames = Object.keys(known)
  for (const name of Object.keys(options)) {
    if (Object.prototype.hasOwnProperty.call(known, name)) continue
    const suggestion = closestKey(name, knownNames)
    const hint =
      suggestion === undefined
        ? `known options: ${knownNames.join(', ')}`
        : `did you mean \`${suggestion}\`?`
    return new InvalidRequestError(`${where} has an unknown option ${shown(name)}; ${hint}`, {
      field: looksLikeName(name) ? `${where}.${name}` : where,
    })
  }
  return undefined
}

/** A short name of a value's type for messages (`null`, `array`, `number`, ...), never the value. */
export const describeType = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const type = typeof value
  return type === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`
}
