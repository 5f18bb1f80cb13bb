// Who sent a request, as far as the emulator can tell: a fingerprint of its bearer token.
import { createHash } from 'node:crypto'

const BEARER = /^Bearer\s+(.+)$/i

/**
 * A short SHA-256 fingerprint of the request's bearer token, or `null` without one. Jobs keep
 * it as their creator, so `created_by_me=true` can keep the lister's own jobs; the token itself
 * is never stored (records may be written to `--data-dir`).
 */
export const requesterOf = (authorization: string | undefined): string | null => {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1]
  if (token === undefined) return null
  return createHash('sha256').update(token).digest('hex').slice(0, 32)
}
