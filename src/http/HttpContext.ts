// What every HTTP operation needs from the client: its resolved config and the mask of its key.
import type { ResolvedConfig } from '../config.js'
import { secretMask, type Redact } from '../errors/secretMask.js'

/** The context an operation runs in; a client creates one and hands it to every operation. */
export interface HttpContext {
  /** The validated config, defaults filled in. */
  readonly config: ResolvedConfig
  /** Masks the API key in any outside text (a response, a thrown cause) before it enters an error. */
  readonly redact: Redact
}

/** The context of a resolved config. */
export const httpContext = (config: ResolvedConfig): HttpContext => ({
  config,
  redact: secretMask(config.apiKey),
})
