// What every HTTP operation needs from the client: its resolved config.

import type { ResolvedConfig } from '../config.js'

/** The context an operation runs in; a client creates one and hands it to every operation. */
export interface HttpContext {
  /** The validated config, defaults filled in. */
  readonly config: ResolvedConfig
}
