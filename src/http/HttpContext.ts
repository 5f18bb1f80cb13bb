// What every HTTP operation needs from the client: its resolved config and the mask of its key.
import type { ResolvedConfig } from '../config.js'
import { secretMask, type Redact } from '../errors/secretMask.js'

/** The context an operation runs in; a client creates one and hands it to every operation. */
export interface HttpContext {
  readonly config: ResolvedConfig
  /** Masks the API key in any outside text (a response, a thrown cause) before it enters an error. */
  readonly redact: Redact
}

// An `authorization` of the config's headers (a proxy's token) replaces the key: as secret as it.
const configuredAuthorization = (config: ResolvedConfig): string[] => {
  const entry = Object.entries(config.headers).find(
    ([name]) => name.toLowerCase() === 'authorization',
  )
  if (entry === undefined) return []
  const token = entry[1].replace(/^\s*Bearer\s+/i, '').trim()
  return token.length >= 4 ? [token] : []
}

/** The context of a resolved config. */
export const httpContext = (config: ResolvedConfig): HttpContext => ({
  config,
  redact: secretMask(config.apiKey, ...configuredAuthorization(config)),
})
