// The error for a request that got no HTTP response: refused, reset, DNS failure, aborted.
import { TaggedError } from './TaggedError.js'

/** What is kept of the underlying failure: never the original object, which may hold sockets or headers. */
export interface NetworkErrorCause {
  /** The underlying error's name, e.g. `'TypeError'` or `'FetchError'`. */
  readonly name: string
  /** The underlying error's message. */
  readonly message: string
  /** The system or library code, e.g. `'ECONNREFUSED'`, `'ECONNRESET'`, `'UND_ERR_SOCKET'`. */
  readonly code?: string
}

/** Fields of a {@link NetworkError}. */
export interface NetworkErrorInit {
  /** The HTTP method of the failed request. */
  readonly method: string
  /** The URL of the failed request, without credentials or secret query values. */
  readonly url: string
  /** A summary of the underlying failure. */
  readonly cause?: NetworkErrorCause
}

/** Code of a request aborted by the caller's own `AbortSignal` (the code Node gives `AbortError`). */
export const ABORTED_BY_CALLER = 'ABORT_ERR'

/**
 * No HTTP response was received: the connection was refused or reset, the host not found, or
 * the caller's signal aborted the request. `code` tells which, when the platform says.
 */
export class NetworkError extends TaggedError<'NetworkError'> {
  readonly _tag = 'NetworkError' as const
  /** The HTTP method of the failed request. */
  readonly method: string
  /** The URL of the failed request, without credentials or secret query values. */
  readonly url: string
  /** The system or library code of the failure (`ECONNREFUSED`, `ECONNRESET`, ...), when known. */
  readonly code: string | undefined
  /** A summary of the underlying failure. */
  declare readonly cause: NetworkErrorCause | undefined

  constructor(message: string, init: NetworkErrorInit) {
    super('NetworkError', message, init.cause === undefined ? undefined : { cause: init.cause })
    this.method = init.method
    this.url = init.url
    this.code = init.cause?.code
  }

  /** Its own fields and the summary of the underlying failure (`cause` is not enumerable). */
  protected override ownFields(): object {
    return { ...this, cause: this.cause }
  }
}
