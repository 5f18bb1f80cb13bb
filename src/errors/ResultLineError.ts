// The Left of a result line that could not be read: data about one line, not a failure of the stream.
import { TaggedError } from './TaggedError.js'

/** Where a result line came from: the job's output file, its error file, or its inline `outputs`. */
export type ResultSource = 'output' | 'error' | 'inline'

/**
 * Why a line could not be read: `'invalid-json'` (not JSON), `'decode'` (JSON that does not fit
 * `BatchResult`, or a `response.body` that does not fit the caller's body codec), `'truncated'`
 * (a last line without its newline that does not read as a whole result: it was cut off),
 * `'too-long'` (longer than the client's `maxResultLineLength`: skipped, never held whole),
 * `'content'` (with a `content` codec: a succeeded answer whose `choices[0].message.content` is
 * missing, not JSON, or does not fit the codec).
 */
export type ResultLineErrorReason = 'invalid-json' | 'decode' | 'truncated' | 'too-long' | 'content'

/** Fields of a {@link ResultLineError}. */
export interface ResultLineErrorInit {
  /** The file or list the line came from. */
  readonly source: ResultSource
  /** The id of the file the line came from; null for inline outputs. */
  readonly fileId: string | null
  /** The physical line number in the file from 1 (for inline outputs: the item's index + 1). */
  readonly lineNumber: number
  /** Why the line could not be read. */
  readonly reason: ResultLineErrorReason
  /** The start of the line's text, at most {@link RESULT_LINE_EXCERPT_LENGTH} characters. */
  readonly excerpt: string
  /** What was wrong, e.g. `did not match BatchResult: custom_id: expected ...`. */
  readonly detail: string
  /** One line per field that did not fit, for `'decode'` and `'content'` (empty otherwise). */
  readonly paths?: ReadonlyArray<string>
  /**
   * The line's `custom_id` when the line was read that far: its answer did not fit the `body`
   * or `content` codec. Undefined when the line itself could not be read.
   */
  readonly customId?: string | null
}

/** The longest excerpt of a line kept in a {@link ResultLineError}. */
export const RESULT_LINE_EXCERPT_LENGTH = 200

const describeSource = (source: ResultSource, fileId: string | null): string => {
  if (source === 'inline') return "job's inline outputs"
  return `${source} file ${fileId ?? '(unknown)'}`
}

/**
 * A result line that could not be read, emitted as the `Left` of its line by `results$`: the
 * stream goes on with the next line. It is not a `MistralBatchError` (nothing failed to
 * transfer); it tells where the line is, why it failed and how it started.
 */
export class ResultLineError extends TaggedError<'ResultLineError'> {
  readonly _tag = 'ResultLineError' as const
  /** The file or list the line came from. */
  readonly source: ResultSource
  /** The id of the file the line came from; null for inline outputs. */
  readonly fileId: string | null
  /** The physical line number from 1 (inline outputs: index + 1). */
  readonly lineNumber: number
  /** Why the line could not be read. */
  readonly reason: ResultLineErrorReason
  /** The start of the line's text, at most 200 characters (ends in `…` when cut). */
  readonly excerpt: string
  /** One line per field that did not fit, for `'decode'` and `'content'` (empty otherwise). */
  readonly paths: ReadonlyArray<string>
  /** What was wrong, as in the message after the line's place. */
  readonly detail: string
  /**
   * The line's `custom_id` when the line was read that far (its `response.body` or its answer did
   * not fit the codec given), so the request it answers is known; undefined otherwise.
   */
  readonly customId: string | null | undefined

  constructor(init: ResultLineErrorInit) {
    super(
      'ResultLineError',
      `Line ${init.lineNumber} of the ${describeSource(init.source, init.fileId)}: ${init.detail}`,
    )
    this.source = init.source
    this.fileId = init.fileId
    this.lineNumber = init.lineNumber
    this.reason = init.reason
    this.excerpt = init.excerpt
    this.paths = init.paths ?? []
    this.detail = init.detail
    this.customId = init.customId
  }

  /**
   * This error with `redact` applied to every text taken from the line (excerpt, detail, paths),
   * or itself when none held anything to mask.
   */
  redacted(redact: (text: string) => string): ResultLineError {
    const excerpt = redact(this.excerpt)
    const detail = redact(this.detail)
    const paths = this.paths.map(redact)
    const same =
      excerpt === this.excerpt &&
      detail === this.detail &&
      paths.every((path, i) => path === this.paths[i])
    if (same) return this
    const { source, fileId, lineNumber, reason, customId } = this
    return new ResultLineError({
      source,
      fileId,
      lineNumber,
      reason,
      excerpt,
      detail,
      paths,
      customId,
    })
  }
}
