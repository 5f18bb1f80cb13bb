// The error raised when a value cannot become a JSONL line.
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { JsonProblem } from '../http/jsonProblem.js'

/** A value given to the JSONL encoder that `JSON.stringify` cannot turn into a line. */
export class JsonlEncodeError extends Error {
  override readonly name = 'JsonlEncodeError'
  /** Where inside the value the failure is (`.body.n`), empty for the value itself. */
  readonly path: string
  /** Why it cannot be encoded, in a few words. */
  readonly reason: string

  /**
   * @param index the value's position in its source, from 0
   * @param problem where in the value and why it has no JSON text
   */
  constructor(
    readonly index: number,
    problem: JsonProblem,
  ) {
    super(
      `Cannot encode the value at index ${index} as a JSONL line: ` +
        `${problem.path === '' ? '' : `at ${problem.path}, `}${problem.reason}`,
    )
    this.path = problem.path
    this.reason = problem.reason
  }

  /** The `InvalidRequestError` of batch request number `index`: `requests[i].body.n cannot ...`. */
  toInvalidRequestError(): InvalidRequestError {
    const field = `requests[${this.index}]${this.path}`
    return new InvalidRequestError(`${field} cannot be encoded as JSON: ${this.reason}`, { field })
  }
}
