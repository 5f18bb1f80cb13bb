// The codecs a succeeded result line is read with, shared by results$, runs and the batcher.
import type * as t from 'io-ts'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { KnownKeys } from '../options/knownKeys.js'

/** The codecs a succeeded line is read with: its `response.body`, and its answer's JSON. */
export interface ResultCodecs<B = unknown, C = never> {
  /**
   * A codec for `response.body` of the results that succeeded (e.g. `ChatCompletionResponse`):
   * a body that does not fit it makes that line a `Left` with reason `'decode'`.
   * @default undefined (bodies stay `unknown`)
   */
  readonly body?: t.Decoder<unknown, B> | undefined
  /**
   * Structured outputs: a codec for the JSON answer of each succeeded chat completion (a request
   * sent with `response_format` `json_schema` or `json_object`). `choices[0].message.content`
   * (a string, or the text chunks joined) is JSON-parsed and decoded into the line's `content`;
   * an answer that is missing, not JSON, or does not fit makes the line a `Left` with reason
   * `'content'` and the failing `paths`. Applies to chat-shaped bodies, after `body` if given.
   * @default undefined (no `content`)
   */
  readonly content?: t.Decoder<unknown, C> | undefined
}

/** The option names of `ResultCodecs`. */
export const RESULT_CODEC_KEYS: KnownKeys<ResultCodecs> = { body: true, content: true }

const isDecoder = (u: unknown): boolean =>
  typeof (u as { decode?: unknown } | null)?.decode === 'function'

/** The `InvalidRequestError` of a `body` or `content` that is not an io-ts decoder, if any. */
export const codecsProblem = (
  codecs: ResultCodecs<unknown, unknown>,
  where: string,
): InvalidRequestError | undefined => {
  for (const field of ['body', 'content'] as const) {
    const codec = codecs[field]
    if (codec !== undefined && !isDecoder(codec)) {
      return new InvalidRequestError(`${where}: ${field} must be an io-ts decoder`, { field })
    }
  }
  return undefined
}

/** The codecs of `options` alone, as `results$` takes them (its other options left out). */
export const codecsOf = <B, C>(options: ResultCodecs<B, C> | undefined): ResultCodecs<B, C> => ({
  body: options?.body,
  content: options?.content,
})
