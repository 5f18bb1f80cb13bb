// One result line read: JSON text (or an inline item) to a tagged BatchResult, or a ResultLineError.
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { BatchResult, type BatchResponse } from '../codecs/BatchResult.js'
import { formatPaths } from '../codecs/formatPaths.js'
import { isFailedResult } from '../codecs/isFailedResult.js'
import { previewJson } from '../codecs/previewJson.js'
import {
  RESULT_LINE_EXCERPT_LENGTH,
  ResultLineError,
  type ResultLineErrorReason,
  type ResultSource,
} from '../errors/ResultLineError.js'
import type { ResultCodecs } from './resultCodecs.js'
import { CONTENT_PATH, readContent } from './resultContent.js'
import { hasBatchResultShape } from './resultShape.js'

export type { ResultSource } from '../errors/ResultLineError.js'

/** Where a result line was found. */
export interface ResultLineInfo {
  /** The output file, the error file, or the inline `outputs` of the job. */
  readonly source: ResultSource
  /** The id of the file; null for inline outputs. */
  readonly fileId: string | null
  /** The physical line number in the file from 1 (inline outputs: the item's index + 1). */
  readonly lineNumber: number
}

/**
 * The `content` of a succeeded line read with a `content` codec: the decoded JSON of its answer.
 * Without a content codec (`C` is `never`) a line has no such field.
 */
export type DecodedContent<C> = [C] extends [never]
  ? unknown
  : {
      /** `choices[0].message.content` JSON-parsed and decoded with the `content` codec. */
      readonly content: C
    }

/**
 * A result whose request succeeded: a 2xx `response` with its `body` decoded as `B`, no `error`;
 * with a `content` codec, its answer decoded as `C` in `content`.
 */
export type SucceededResultLine<B, C = never> = Omit<BatchResult, 'response'> &
  ResultLineInfo & {
    /** False: the request succeeded (see `isFailedResult`). */
    readonly failed: false
    /** The endpoint's 2xx answer; `body` decoded with the `body` codec of `results$`, if given. */
    readonly response: Omit<BatchResponse, 'body'> & { readonly body: B }
  } & DecodedContent<C>

/** A result whose request failed: `error` set, or no 2xx `response`; its body is not typed. */
export type FailedResultLine = BatchResult &
  ResultLineInfo & {
    /** True: the request failed (see `isFailedResult`). */
    readonly failed: true
  }

/**
 * One result, as decoded by `BatchResult`, tagged with where it was found and whether its
 * request failed. Narrow on `failed` to reach a typed `response.body` (and `content`). The wire
 * fields are kept as they are; `source`, `fileId`, `lineNumber`, `failed` (and `content`) are
 * added, and win over any wire field of the same name.
 */
export type ResultLine<B = unknown, C = never> = SucceededResultLine<B, C> | FailedResultLine

/** One line of `results$`: the result, or why its line could not be read. */
export type ResultLineEither<B = unknown, C = never> = E.Either<ResultLineError, ResultLine<B, C>>

/** Paths shown in a message; `ResultLineError.paths` holds them all. */
const MAX_MESSAGE_PATHS = 5

/** The start of `text`, never splitting a surrogate pair, copied so a huge line is not kept alive. */
const excerptOf = (text: string): string => {
  if (text.length <= RESULT_LINE_EXCERPT_LENGTH) return text
  let end = RESULT_LINE_EXCERPT_LENGTH
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  // a slice would be a view into the whole line (maybe megabytes) for as long as the error lives
  return `${Array.from(text.slice(0, end)).join('')}…`
}

const lineError = (
  info: ResultLineInfo,
  reason: ResultLineErrorReason,
  excerpt: string,
  detail: string,
  paths: ReadonlyArray<string> = [],
  customId?: string | null,
): ResultLineError =>
  new ResultLineError({ ...info, reason, excerpt: excerptOf(excerpt), detail, paths, customId })

const mismatch = (
  codec: t.Decoder<unknown, unknown>,
  what: string,
  errors: t.Errors,
): { detail: string; paths: ReadonlyArray<string> } => {
  const paths = formatPaths(errors)
  const more = paths.length > MAX_MESSAGE_PATHS ? '; …' : ''
  const shown = paths.slice(0, MAX_MESSAGE_PATHS).join('; ')
  return { detail: `${what} did not match ${codec.name}: ${shown}${more}`, paths }
}

// Object spread costs 4-5 µs on a parsed result line (half of JSON.parse): a value this module
// parsed itself is tagged in place; any other (an inline item of the caller's job) is copied.
const tag = <B, C>(
  result: BatchResult,
  info: ResultLineInfo,
  failed: boolean,
  response: BatchResult['response'],
  owned: boolean,
  content?: { readonly value: C },
): ResultLine<B, C> => {
  const line = (owned ? result : { ...result }) as Record<string, unknown>
  if (response !== result.response) line.response = response
  line.source = info.source
  line.fileId = info.fileId
  line.lineNumber = info.lineNumber
  line.failed = failed
  if (content !== undefined) line.content = content.value
  return line as unknown as ResultLine<B, C>
}

/**
 * One parsed value as a tagged result, or the Left of why it is none (`'truncated'` for a last
 * line without newline); `owned` lets a value just parsed be tagged in place.
 */
export const readResultValue = <B, C = never>(
  value: unknown,
  info: ResultLineInfo,
  codecs: ResultCodecs<B, C> | undefined,
  owned: boolean,
  text?: string,
  complete = true,
): ResultLineEither<B, C> => {
  const failAs: ResultLineErrorReason = complete ? 'decode' : 'truncated'
  const excerpt = (): string => text ?? previewJson(value, RESULT_LINE_EXCERPT_LENGTH)
  let result: BatchResult
  if (hasBatchResultShape(value)) {
    result = value
  } else {
    const decoded = BatchResult.decode(value)
    if (E.isLeft(decoded)) {
      const { detail, paths } = mismatch(BatchResult, 'the line', decoded.left)
      return E.left(lineError(info, failAs, excerpt(), detail, paths))
    }
    result = decoded.right
  }
  const failed = isFailedResult(result)
  const response = result.response
  const body = codecs?.body
  const content = codecs?.content
  if (failed || response == null || (body === undefined && content === undefined)) {
    return E.right(tag(result, info, failed, response, owned))
  }
  let typed = response
  if (body !== undefined) {
    const decoded = body.decode(response.body)
    if (E.isLeft(decoded)) {
      const { detail, paths } = mismatch(body, 'response.body', decoded.left)
      return E.left(lineError(info, failAs, excerpt(), detail, paths, result.custom_id))
    }
    typed = { ...response, body: decoded.right }
  }
  if (content === undefined) return E.right(tag(result, info, false, typed, owned))
  const answer = readContent(typed.body, content)
  if (E.isLeft(answer)) {
    const why = answer.left
    const { detail, paths } =
      typeof why === 'string' ? { detail: why, paths: [] } : mismatch(content, CONTENT_PATH, why)
    const reason = complete ? 'content' : 'truncated'
    return E.left(lineError(info, reason, excerpt(), detail, paths, result.custom_id))
  }
  return E.right(tag(result, info, false, typed, owned, { value: answer.right }))
}

/**
 * Reads one line of a result file: JSON-parses it, then {@link readResultValue}. Text that is
 * not JSON is an `'invalid-json'` Left, or `'truncated'` when `complete` is false.
 */
export const readResultLine = <B, C = never>(
  text: string,
  complete: boolean,
  info: ResultLineInfo,
  codecs: ResultCodecs<B, C> | undefined,
): ResultLineEither<B, C> => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = complete ? 'invalid-json' : 'truncated'
    // V8 quotes a snippet of the line (`"{"a": x sk-…"... is not valid JSON`): the excerpt shows
    // the line already, and a snippet cut mid-word could keep half of a secret out of reach of
    // the masking.
    const message = error instanceof Error ? error.message : String(error)
    const why = message.replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '')
    const detail = complete ? `not JSON (${why})` : `cut off before its end (${why})`
    return E.left(lineError(info, reason, text, detail))
  }
  return readResultValue(value, info, codecs, true, text, complete)
}
