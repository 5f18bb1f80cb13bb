// The base of the library's error classes: the tag the guards read, the name, and safe JSON.

/** An error with a `_tag` (checked by the guards, so across realms and bundles) and safe JSON. */
export abstract class TaggedError<Tag extends string> extends Error {
  /** Discriminant of the `MistralBatchError` union; survives realms and serialization. */
  abstract readonly _tag: Tag

  constructor(name: Tag, message: string, options?: { readonly cause?: unknown }) {
    super(message, options)
    this.name = name
  }

  /** The safe fields, for logs and `JSON.stringify`: tag, name, message and the error's own. */
  toJSON(): Record<string, unknown> {
    return { _tag: this._tag, name: this.name, message: this.message, ...this.ownFields() }
  }

  /** The fields `toJSON` shows besides the message: the enumerable own ones unless overridden. */
  protected ownFields(): object {
    return { ...this }
  }
}
