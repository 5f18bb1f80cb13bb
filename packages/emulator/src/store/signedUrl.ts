// Signed download URLs: an expiry and an HMAC over (file id, expiry) under a key kept in
// <dataDir>/signing.key, so that only this emulator can make them and they survive a restart.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { quarantine } from './recordStore.js'

const KEY_FILE = 'signing.key'

/** Half the 64 hex digits the emulator writes: a shorter key (an empty one) is a guessable one. */
const MIN_KEY_LENGTH = 32

/**
 * The signing key of `dataDir`, made on first use. A key file too short to be a key (empty,
 * truncated) is moved to `quarantineDir` with a warning and replaced: URLs it signed stop
 * working, which beats URLs that anyone could sign.
 */
export const loadSigningKey = async (
  dataDir: string,
  quarantineDir: string,
  warn: (message: string) => void,
): Promise<string> => {
  const file = path.join(dataDir, KEY_FILE)
  const stored = (await fs.readFile(file, 'utf8').catch(() => undefined))?.trim()
  if (stored !== undefined && stored.length >= MIN_KEY_LENGTH) return stored
  if (stored !== undefined) {
    await quarantine(dataDir, [KEY_FILE], quarantineDir)
    warn(
      `damaged ${file}: ${stored.length} characters, expected at least ${MIN_KEY_LENGTH}; moved to ${quarantineDir} and replaced by a new key (URLs signed before no longer work)`,
    )
  }
  const secret = randomBytes(32).toString('hex')
  await fs.writeFile(file, secret, { mode: 0o600 })
  return secret
}

/** The hex HMAC-SHA256 of a file id and an expiry (ms since the epoch). */
export const signature = (secret: string, fileId: string, expiresMs: number): string =>
  createHmac('sha256', secret).update(`${fileId}\n${expiresMs}`).digest('hex')

/** The path and query of a signed URL (without its origin). */
export const signedPathAndQuery = (secret: string, fileId: string, expiresMs: number): string =>
  `/_signed/files/${encodeURIComponent(fileId)}/content?expires=${expiresMs}&signature=${signature(secret, fileId, expiresMs)}`

/** Checks a signed URL's query against the secret and the clock (ms since the epoch). */
export const checkSignature = (
  secret: string,
  fileId: string,
  expires: string | undefined,
  given: string | undefined,
  nowMs: number,
): 'ok' | 'expired' | 'invalid' => {
  if (expires === undefined || given === undefined || !/^\d+$/.test(expires)) return 'invalid'
  const expected = Buffer.from(signature(secret, fileId, Number(expires)), 'hex')
  const actual = Buffer.from(given, 'hex')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'invalid'
  return Number(expires) < nowMs ? 'expired' : 'ok'
}
