// The options every run shares about its answers: how result lines are decoded, and priced.
import * as E from 'fp-ts/Either'
import { codecsProblem, RESULT_CODEC_KEYS, type ResultCodecs } from '../batch/resultCodecs.js'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { KnownKeys } from '../options/knownKeys.js'
import {
  resolvePricing,
  USAGE_OPTION_KEYS,
  type Pricing,
  type UsageOptions,
} from '../usage/usageOptions.js'

/**
 * How the result lines of a run are read (`body`, `content`, as `results$` reads them) and
 * priced (`price`, `batchDiscount`, for `summary.estimatedCost`).
 */
export interface RunAnswerOptions<B = unknown, C = never>
  extends ResultCodecs<B, C>, UsageOptions {}

/** The option names of `RunAnswerOptions`. */
export const RUN_ANSWER_KEYS: KnownKeys<RunAnswerOptions> = {
  ...RESULT_CODEC_KEYS,
  ...USAGE_OPTION_KEYS,
}

/** The codecs checked and the pricing of `options`, or the first field that is wrong. */
export const resolveAnswerOptions = (
  options: RunAnswerOptions<unknown, unknown>,
  where: string,
): E.Either<InvalidRequestError, Pricing | undefined> => {
  const codecs = codecsProblem(options, where)
  return codecs === undefined ? resolvePricing(options, where) : E.left(codecs)
}
