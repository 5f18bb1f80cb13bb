// Cuts the API keys in use out of text the command line prints, in every form a server may echo.
import { secretMask, type Redact } from 'mistral-batch-rx'

/** Shorter keys are left alone: masking every `ab` would garble the output and hide nothing. */
const MIN_SECRET_LENGTH = 4

/**
 * The pieces of a key between characters that some layer may fold, strip or escape (line
 * breaks, whitespace, control characters): what is left of the key after such reformatting.
 */
const piecesOf = (secret: string): string[] =>
  secret.split(/[\s\p{Cc}]+/u).filter((piece) => piece !== secret)

/**
 * A `Redact` that masks each of `secrets` (read when called, so keys added later count) as
 * `secretMask` does: as given, JSON-escaped, percent-encoded, and cut off before an ellipsis;
 * then the pieces of a key that holds line breaks or control characters.
 */
export const secretsMask = (secrets: ReadonlyArray<string>): Redact => {
  const masks = new Map<string, Redact>()
  const maskOf = (secret: string): Redact => {
    let mask = masks.get(secret)
    if (mask === undefined) {
      const forms = [secret, ...piecesOf(secret)].filter((f) => f.length >= MIN_SECRET_LENGTH)
      mask = secretMask(...forms)
      masks.set(secret, mask)
    }
    return mask
  }
  return (text) => secrets.reduce((out, secret) => maskOf(secret)(out), text)
}
