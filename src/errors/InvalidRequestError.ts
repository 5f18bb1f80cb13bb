// The error for a request this client refuses to send: bad config, a malformed id, an invalid body.

/** Options of an {@link InvalidRequestError}. */
export interface InvalidRequestErrorOptions {
  /** The config field or parameter that is wrong, e.g. `'baseUrl'` or `'jobId'`. */
  readonly field?: string
}

/**
 * A request rejected before anything was sent: the caller's input (config, id, body) is invalid.
 * Never retried. Its message names the field but never echoes a secret value.
 */
export class InvalidRequestError extends Error {
  /** Discriminant, checked by the guards so they work across realms. */
  readonly _tag = 'InvalidRequestError' as const
  /** The config field or parameter that is wrong, when known. */
  readonly field: string | undefined

  constructor(message: string, options: InvalidRequestErrorOptions = {}) {
    super(message)
    this.name = 'InvalidRequestError'
    this.field = options.field
  }

  /** The safe fields, for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { _tag: this._tag, name: this.name, message: this.message, field: this.field }
  }
}
