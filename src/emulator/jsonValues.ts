// Untrusted JSON values: telling a plain object apart, and quoting a refused value in a message.

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
