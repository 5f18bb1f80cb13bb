// The error raised when a value cannot become a JSONL line.

/** A value given to the JSONL encoder that `JSON.stringify` cannot turn into a line. */
export class JsonlEncodeError extends Error {
  override readonly name = 'JsonlEncodeError'

  /**
   * @param index the value's position in its source, from 0
   * @param reason why it cannot be encoded, in a few words
   * @param cause the error `JSON.stringify` threw, if any
   */
  constructor(
    readonly index: number,
    reason: string,
    cause?: unknown,
  ) {
    super(`Cannot encode the value at index ${index} as a JSONL line: ${reason}`, { cause })
  }
}
