// Masking a secret (the API key) in any text that enters an error: server echoes, thrown causes, excerpts.

/** Returns `text` with every trace of the secret replaced by `[redacted]`. */
export type Redact = (text: string) => string

/** What stands in for a masked secret. */
const REDACTED = '[redacted]'

/** The shortest start of the secret masked where an excerpt cut it off. */
const MIN_CUT_PREFIX = 4

// The marks an excerpt ends with where it was cut: ours (`…`) and V8's JSON.parse snippets (`...`).
const CUT_MARK = /…|\.\.\./g

// One pass over the cut marks: each is preceded by at most one cut start of `form`, found by
// comparing at most `form.length` characters, so the cost is linear in the text.
const maskCutPrefixes = (text: string, form: string): string => {
  const pieces: string[] = []
  let copied = 0
  for (const mark of text.matchAll(CUT_MARK)) {
    const at = mark.index
    for (let k = Math.min(form.length - 1, at - copied); k >= MIN_CUT_PREFIX; k--) {
      if (text.startsWith(form.slice(0, k), at - k)) {
        pieces.push(text.slice(copied, at - k), REDACTED)
        copied = at
        break
      }
    }
  }
  if (copied === 0) return text
  pieces.push(text.slice(copied))
  return pieces.join('')
}

/**
 * A `Redact` for `secrets`. It masks each the secret as it is, as it reads inside a JSON string, and
 * percent-encoded (the forms a server or a fetch error may echo), and the start of one cut off
 * by an excerpt (before a `…` or V8's `...`), which would otherwise leave half the key in a
 * message. Linear in the text; text holding none of them is returned as it is. Apply it to the
 * text of errors, never to data: a short key may well occur in ordinary values.
 */
export const secretMask = (...secrets: ReadonlyArray<string>): Redact => {
  const forms = [
    ...new Set(
      secrets
        .filter((secret) => secret !== '')
        .flatMap((secret) => [
          secret,
          JSON.stringify(secret).slice(1, -1),
          encodeURIComponent(secret),
        ]),
    ),
  ]
  if (forms.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const form of forms) {
      if (out.includes(form)) out = out.split(form).join(REDACTED)
    }
    if (!out.includes('…') && !out.includes('...')) return out
    for (const form of forms) out = maskCutPrefixes(out, form)
    return out
  }
}

/** `value` with `redact` applied to every string in it (keys included), as a copy; other values as they are. */
export const redactStrings = (value: unknown, redact: Redact): unknown => {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]),
    )
  }
  return value
}
