// The headers of a request: auth, user agent, the config's and the operation's own.
import type { ResolvedConfig } from '../config.js'

const lowerCaseKeys = (headers: Readonly<Record<string, string>> = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

/**
 * The headers to send, names lower-cased so a later source replaces an earlier one instead of
 * adding a second value: defaults, then `config.headers`, then the operation's `headers`.
 */
export const requestHeaders = (
  config: ResolvedConfig,
  headers: Readonly<Record<string, string>> | undefined,
  contentType: string | undefined,
): Record<string, string> => ({
  authorization: `Bearer ${config.apiKey}`,
  'user-agent': config.userAgent,
  ...(contentType === undefined ? {} : { 'content-type': contentType }),
  ...lowerCaseKeys(config.headers),
  ...lowerCaseKeys(headers),
})
