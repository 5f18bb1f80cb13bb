// The key of the signed-URL HMAC: kept in <dataDir>/signing.key so URLs survive a restart.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { quarantine } from './quarantine.js'

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
  const stored = await fs.readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  )
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
