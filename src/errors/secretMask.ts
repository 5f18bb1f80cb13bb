// Masking a secret (the API key) in any text that reaches an error: server echoes, thrown causes, excerpts.

/** Returns `text` with every trace of the secret replaced by `[redacted]`. */
export type Redact = (text: string) => string

/** What stands in for a masked secret. */
export const REDACTED = '[redacted]'

/** The shortest start of the secret masked where an excerpt cut it off (before a `…`). */
const MIN_CUT_PREFIX = 4

const maskCutPrefixes = (text: string, form: string): string => {
  let out = text
  let at = out.indexOf('…')
  while (at !== -1) {
    for (let k = Math.min(form.length - 1, at); k >= MIN_CUT_PREFIX; k--) {
      if (out.startsWith(form.slice(0, k), at - k)) {
        out = `${out.slice(0, at - k)}${REDACTED}${out.slice(at)}`
        at += REDACTED.length - k
        break
      }
    }
    at = out.indexOf('…', at + 1)
  }
  return out
}

/**
 * A `Redact` for `secret`. It masks the secret as it is, as it reads inside a JSON string, and
 * percent-encoded (the forms a server or a fetch error may echo), and the start of one cut off
 * by an excerpt's `…`, which would otherwise leave half the key in a message. Text holding none
 * of them is returned as it is, after a few `indexOf` scans.
 */
export const secretMask = (secret: string): Redact => {
  if (secret === '') return (text) => text
  const forms = [
    ...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
  ]
  return (text) => {
    let out = text
    for (const form of forms) {
      if (out.includes(form)) out = out.split(form).join(REDACTED)
      if (out.includes('…')) out = maskCutPrefixes(out, form)
    }
    return out
  }
}
