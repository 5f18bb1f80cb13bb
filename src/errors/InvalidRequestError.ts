// The error for a request this client refuses to send: bad config, a malformed id, an invalid body.
import { TaggedError } from './TaggedError.js'

/** Options of an {@link InvalidRequestError}. */
export interface InvalidRequestErrorOptions {
  /** The config field or parameter that is wrong, e.g. `'baseUrl'` or `'jobId'`. */
  readonly field?: string
}

/**
 * A request rejected before anything was sent: the caller's input (config, id, body) is invalid.
 * Never retried. Its message names the field but never echoes a secret value.
 */
export class InvalidRequestError extends TaggedError<'InvalidRequestError'> {
  readonly _tag = 'InvalidRequestError' as const
  /** The config field or parameter that is wrong, when known. */
  readonly field: string | undefined

  constructor(message: string, options: InvalidRequestErrorOptions = {}) {
    super('InvalidRequestError', message)
    this.field = options.field
  }
}
