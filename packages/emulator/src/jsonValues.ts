// Untrusted JSON values: telling a plain object apart, quoting a refused value in a message, and
// naming a mistyped key (`prot`, `retryAfter`) with the known key it most likely meant.

// Bound once: inside jest (a node:vm context) every global lookup is slow, and per-line code calls it.
const { isArray } = Array
const { stringify } = JSON

/** True for a plain JSON object (not an array, not null). */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !isArray(u)

/** Longest quote of a value, so a huge body does not flood a message. */
const MAX_SHOWN = 80

/** `null`, `"explode"`, `{"429":0.05}`, `undefined`, `NaN`: cut to 80 characters, never a throw. */
export const shownValue = (u: unknown): string => {
  let text: string
  try {
    text = typeof u === 'number' || u === undefined ? String(u) : (stringify(u) ?? String(u))
  } catch {
    text = String(u)
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}
/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
const editDistance = (a: string, b: string): number => {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[]
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1)
      }
    }
  }
  return at(a.length, b.length)
}

/**
 * The known key `key` was most likely meant to be, if any: the same letters in another case, a
 * prefix of it (`retryAfter`, 3 letters or more), or a key a few edits away (a third of its
 * length, at least 2).
 */
const closestKey = (key: string, known: readonly string[]): string | undefined => {
  const lower = key.toLowerCase()
  const scored = known.map((candidate) => {
    const other = candidate.toLowerCase()
    const prefix = lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other))
    const related = other === lower || prefix
    return { candidate, distance: related ? 0 : editDistance(lower, other) }
  })
  const limit = Math.max(2, Math.ceil(key.length / 3))
  const best = scored
    .filter(({ distance }) => distance <= limit)
    .sort((x, y) => x.distance - y.distance)[0]
  return best?.candidate
}

/**
 * The first own key of `value` that is not in `known`, as an error message fragment naming the
 * likeliest intended key (`"prot" (did you mean "port"?)`), or the known keys when none is close.
 */
export const unknownKey = (value: object, known: readonly string[]): string | undefined => {
  const key = Object.keys(value).find((candidate) => !known.includes(candidate))
  if (key === undefined) return undefined
  const guess = closestKey(key, known)
  return guess === undefined
    ? `${JSON.stringify(key)} (known: ${known.join(', ')})`
    : `${JSON.stringify(key)} (did you mean ${JSON.stringify(guess)}?)`
}
