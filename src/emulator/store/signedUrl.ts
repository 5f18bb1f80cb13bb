// Signed download URLs: an expiry and an HMAC over (file id, expiry) that only this emulator can make.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The path of the content route a signed URL points at. */
const signedContentPath = (fileId: string): string =>
  `/_signed/files/${encodeURIComponent(fileId)}/content`

/** The hex HMAC-SHA256 of a file id and an expiry (ms since the epoch). */
export const signature = (secret: string, fileId: string, expiresMs: number): string =>
  createHmac('sha256', secret).update(`${fileId}\n${expiresMs}`).digest('hex')

/** The path and query of a signed URL (without its origin). */
export const signedPathAndQuery = (secret: string, fileId: string, expiresMs: number): string =>
  `${signedContentPath(fileId)}?expires=${expiresMs}&signature=${signature(secret, fileId, expiresMs)}`

/** Why a signed URL is refused, or `ok`. */
type SignatureCheck = 'ok' | 'expired' | 'invalid'

/** Checks a signed URL's query against the secret and the clock (ms since the epoch). */
export const checkSignature = (
  secret: string,
  fileId: string,
  expires: string | undefined,
  given: string | undefined,
  nowMs: number,
): SignatureCheck => {
  if (expires === undefined || given === undefined || !/^\d+$/.test(expires)) return 'invalid'
  const expected = Buffer.from(signature(secret, fileId, Number(expires)), 'hex')
  const actual = Buffer.from(given, 'hex')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'invalid'
  return Number(expires) < nowMs ? 'expired' : 'ok'
}
