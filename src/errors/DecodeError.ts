// The error for a body or line that did not fit its io-ts codec: the request worked, the data did not.
import type * as t from 'io-ts'
import { TaggedError } from './TaggedError.js'

/** A value that did not match its codec; `paths` holds one readable line per failure. */
export class DecodeError extends TaggedError<'DecodeError'> {
  readonly _tag = 'DecodeError' as const
  /** One line per failure, `path.to.field: expected <type>, got <short JSON>`. */
  readonly paths: ReadonlyArray<string>
  // Private: the io-ts errors carry the whole decoded value (maybe megabytes), which loggers that
  // copy an error's own properties would print.
  readonly #errors: t.Errors

  /** `message` is the readable report, `errors` the io-ts errors, `paths` the per-failure lines. */
  constructor(message: string, errors: t.Errors, paths: ReadonlyArray<string>) {
    super('DecodeError', message)
    Object.setPrototypeOf(this, new.target.prototype)
    this.paths = paths
    this.#errors = errors
  }

  /**
   * This error with `redact` applied to its message and paths (the raw io-ts errors, kept out of
   * logs and JSON, are kept), or itself when nothing was masked.
   */
  redacted(redact: (text: string) => string): DecodeError {
    const message = redact(this.message)
    const paths = this.paths.map(redact)
    if (message === this.message && paths.every((path, i) => path === this.paths[i])) return this
    return new DecodeError(message, this.#errors, paths)
  }

  /** The raw io-ts errors, for callers that want to walk them (kept out of logs and JSON). */
  get errors(): t.Errors {
    return this.#errors
  }

  /** What Node's util.inspect shows: it would print any property named `errors`, even a getter. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n  paths: ${JSON.stringify(this.paths)}`
  }
}
