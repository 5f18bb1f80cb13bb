// The error of a batcher submission whose job ended without a result line for it.
import { TaggedError } from './TaggedError.js'

/** Fields of a {@link NoResultError}. */
export interface NoResultErrorInit {
  /** The `custom_id` the request was sent with. */
  readonly customId: string
}

/**
 * A micro-batcher's job completed, but no result line came for one of its requests (the
 * server dropped it, or its line could not be read): that request's submitter gets this error.
 */
export class NoResultError extends TaggedError<'NoResultError'> {
  readonly _tag = 'NoResultError' as const
  /** The `custom_id` the request was sent with. */
  readonly customId: string

  constructor(init: NoResultErrorInit) {
    super(
      'NoResultError',
      `No result for request ${init.customId}: its job ended without a line for it`,
    )
    this.customId = init.customId
  }
}
