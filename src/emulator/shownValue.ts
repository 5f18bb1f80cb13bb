// How an error message of the emulator quotes the value it refuses: short JSON, and never a throw.

/** Longest quote of a value, so a huge body does not flood a message. */
const MAX_SHOWN = 80

/** `null`, `"explode"`, `{"429":0.05}`, `undefined`, `NaN`: cut to 80 characters. */
export const shownValue = (u: unknown): string => {
  let text: string
  try {
    text = typeof u === 'number' || u === undefined ? String(u) : (JSON.stringify(u) ?? String(u))
  } catch {
    text = String(u)
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text
}
