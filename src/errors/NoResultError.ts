// The error of a batcher submission whose job ended without a result line for it.

/** Fields of a {@link NoResultError}. */
export interface NoResultErrorInit {
  /** The `custom_id` the request was sent with. */
  readonly customId: string
}

/**
 * A micro-batcher's job completed, but no result line came for one of its requests (the
 * server dropped it, or its line could not be read): that request's submitter gets this error.
 */
export class NoResultError extends Error {
  /** Discriminant of the `MistralBatchError` union; survives realms and serialization. */
  readonly _tag = 'NoResultError' as const
  /** The `custom_id` the request was sent with. */
  readonly customId: string

  constructor(init: NoResultErrorInit) {
    super(`No result for request ${init.customId}: its job ended without a line for it`)
    this.name = 'NoResultError'
    this.customId = init.customId
  }

  /** The fields, for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { _tag: this._tag, name: this.name, message: this.message, customId: this.customId }
  }
}
